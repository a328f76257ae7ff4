def add_refusal(form, refusal):
    """Show a service's refusal (RecordRefused, GrantRefused) at the field it names, if the form has it."""
    form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
