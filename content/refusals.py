"""One way for a rule to say no, from every app: the service raises `Refused`, and each entry point shows it as
its users expect (a form error at the field, problem+json with a field path, a message, a command's exit code)."""


class Refused(Exception):
    """A rule refuses the action and nothing was changed; `message` is for the person acting, `field` names the
    input at fault (a form field, or a path in an API body)."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def add_refusal(form, refusal):
    """Show a refusal at the field it names when the form has that field, else above the form."""
    form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
