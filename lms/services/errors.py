class RecordRefused(Exception):
    """A learner action the rules refuse; `message` is for the learner, `field` names the input at fault."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class RecordConflict(RecordRefused):
    """Refused because another record already holds a value that must be unique (409 in the API)."""


class PreconditionFailed(RecordRefused):
    """Refused because the record changed since the version the caller based its write on (412 in the API)."""
