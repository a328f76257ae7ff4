"""PortalClient: every portal operation of /api/v1/ on one httpx.Client, errors as exceptions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from .errors import BY_STATUS, ApiError, RateLimited
from .types import BatchMember, BatchMemberResult, Course, Event, Member, MemberBody, Page, Portal

BATCH_SIZE = 500


@dataclass(frozen=True)
class RateLimit:
    """The RateLimit-* headers of the last answer."""

    limit: int
    remaining: int
    reset: int


class PortalClient:
    """`PortalClient("https://cme.example.org", api_key)`; use it as a context manager or call close()."""

    def __init__(
        self, base_url: str, api_key: str, *, timeout: float = 10.0, transport: httpx.BaseTransport | None = None
    ):
        self._http = httpx.Client(
            base_url=base_url.rstrip("/") + "/api/v1/",
            headers={"Authorization": f"Api-Key {api_key}", "Accept": "application/json"},
            timeout=timeout,
            transport=transport,
        )
        self.rate_limit: RateLimit | None = None

    def __enter__(self) -> PortalClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # Plumbing

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        params = {name: value for name, value in (kwargs.pop("params", None) or {}).items() if value is not None}
        response = self._http.request(method, path, params=params, **kwargs)
        if "RateLimit-Limit" in response.headers:
            self.rate_limit = RateLimit(
                int(response.headers["RateLimit-Limit"]),
                int(response.headers["RateLimit-Remaining"]),
                int(response.headers["RateLimit-Reset"]),
            )
        if response.status_code >= 400:
            problem = response.json() if "json" in response.headers.get("Content-Type", "") else {}
            if response.status_code == 429:
                raise RateLimited(429, problem, int(response.headers.get("Retry-After", "1")))
            raise BY_STATUS.get(response.status_code, ApiError)(response.status_code, problem)
        return response

    def _pages(self, path: str, params: dict[str, Any]) -> Iterator[Any]:
        """Every item from this page on, following next_cursor until a page comes back empty."""
        while True:
            page: Page = self._send("GET", path, params=params).json()
            if not page["results"]:
                return
            yield from page["results"]
            params = {**params, "cursor": page["next_cursor"]}

    # The portal itself

    def portal(self) -> Portal:
        return self._send("GET", "portal/").json()

    def events(self, since: str | None = None, cursor: str | None = None, page_size: int | None = None) -> Page:
        """One page of the events this portal is sent by webhook (replay after an outage)."""
        return self._send("GET", "events/", params={"since": since, "cursor": cursor, "page_size": page_size}).json()

    def iter_events(self, since: str | None = None) -> Iterator[Event]:
        return self._pages("events/", {"since": since, "page_size": 100})

    # Catalog

    def iter_catalog(self, **filters: str) -> Iterator[Course]:
        page = 1
        while True:
            body = self._send("GET", "catalog/", params={**filters, "page": page, "page_size": 100}).json()
            yield from body["results"]
            if not body["next"]:
                return
            page += 1

    def course(self, course_id: int) -> Course:
        return self._send("GET", f"catalog/{course_id}/").json()

    # Members

    def member(self, member_id: str) -> tuple[Member, str]:
        """The member and its ETag (for put_member's if_match)."""
        response = self._send("GET", f"members/{member_id}/")
        return response.json(), response.headers["ETag"]

    def put_member(self, member_id: str, body: MemberBody, if_match: str | None = None) -> tuple[Member, str]:
        """Create or replace (a field left out is cleared); PreconditionFailed if `if_match` is stale."""
        headers = {"If-Match": if_match} if if_match else {}
        response = self._send("PUT", f"members/{member_id}/", json=body, headers=headers)
        return response.json(), response.headers["ETag"]

    def find_member(self, *, npi: str | None = None, email: str | None = None) -> Member | None:
        results = self._send("GET", "members/", params={"npi": npi, "email": email}).json()["results"]
        return results[0] if results else None

    def members_page(self, cursor: str | None = None, updated_since: str | None = None, page_size: int = 100) -> Page:
        params = {"cursor": cursor, "updated_since": updated_since, "page_size": page_size}
        return self._send("GET", "members/", params=params).json()

    def iter_members(self, updated_since: str | None = None) -> Iterator[Member]:
        return self._pages("members/", {"updated_since": updated_since, "page_size": 100})

    def sync_members(self, members: list[BatchMember]) -> list[BatchMemberResult]:
        """Create or replace any number of members, 500 a request; each request is all or nothing."""
        results: list[BatchMemberResult] = []
        for start in range(0, len(members), BATCH_SIZE):
            body = {"members": members[start : start + BATCH_SIZE]}
            results += self._send("POST", "member-batches/", json=body).json()["results"]
        return results

    # Progress and credit

    def progress(self, member_id: str, etag: str | None = None) -> tuple[dict | None, str]:
        """(progress, ETag); (None, etag) when `etag` is still current (304)."""
        headers = {"If-None-Match": etag} if etag else {}
        response = self._send("GET", f"members/{member_id}/progress/", headers=headers)
        return (None if response.status_code == 304 else response.json()), response.headers["ETag"]

    def transcript(self, member_id: str, start: str | None = None, end: str | None = None) -> dict:
        return self._send("GET", f"members/{member_id}/transcript/", params={"start": start, "end": end}).json()

    def feed(self, cursor: str | None = None, updated_since: str | None = None, page_size: int | None = None) -> Page:
        params = {"cursor": cursor, "updated_since": updated_since, "page_size": page_size}
        return self._send("GET", "completions/feed/", params=params).json()

    def verify_certificate(self, code: str) -> dict:
        return self._send("GET", f"certificates/{code}/verify/").json()

    def certificate_pdf(self, code: str) -> bytes:
        return self._send("GET", f"certificates/{code}/pdf/").content
