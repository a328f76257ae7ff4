"""The API's problem+json errors as exceptions, one class per status a portal handles differently."""

from __future__ import annotations

from .types import Problem


class ApiError(Exception):
    """Any error answer: `status`, and the problem body (`title`, `detail`, `errors` with field paths)."""

    def __init__(self, status: int, problem: Problem):
        self.status = status
        self.problem = problem
        self.errors = problem.get("errors", [])
        super().__init__(f"{status} {problem.get('title', '')}: {problem.get('detail', '')}")

    @property
    def fields(self) -> set[str | None]:
        return {error["field"] for error in self.errors}


class NotFound(ApiError):
    pass


class Conflict(ApiError):
    """409: an NPI or e-mail another member has (see `fields`), or a batch that raced another writer."""


class PreconditionFailed(ApiError):
    """412: the member changed since the ETag sent in If-Match; read it again."""


class Refused(ApiError):
    """422: well formed, but the CME rules refuse it; `detail` says which rule."""


class RateLimited(ApiError):
    """429: wait `retry_after` seconds."""

    def __init__(self, status: int, problem: Problem, retry_after: int):
        super().__init__(status, problem)
        self.retry_after = retry_after


BY_STATUS = {404: NotFound, 409: Conflict, 412: PreconditionFailed, 422: Refused}
