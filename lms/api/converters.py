class RecordIdConverter:
    """A database id: at most 18 digits, so an absurd number is a 404, not an integer overflow."""

    regex = r"[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)
