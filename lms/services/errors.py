"""The kinds of refusal the API answers with a status of their own; any other `Refused` is a 422."""

from content.refusals import Refused


class RecordConflict(Refused):
    """Refused because another record already holds a value that must be unique (409 in the API)."""


class PreconditionFailed(Refused):
    """Refused because the record changed since the version the caller based its write on (412 in the API)."""
