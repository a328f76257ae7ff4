"""The shapes of the API's bodies (the OpenAPI document's components), as TypedDicts."""

from __future__ import annotations

from typing import Literal, TypedDict


class ProblemFieldError(TypedDict):
    field: str | None
    message: str


class Problem(TypedDict):
    type: str
    title: str
    status: int
    detail: str
    errors: list[ProblemFieldError]


class Key(TypedDict):
    prefix: str
    name: str
    created_at: str
    expires_at: str | None


class Portal(TypedDict):
    name: str
    scopes: list[str]
    key: Key
    webhook_url: str
    previous_webhook_secret_expires_at: str | None


class MemberBody(TypedDict, total=False):
    """What PUT /members/{member_id}/ and a batch take: a full replace (a field left out is cleared),
    but `nabp_eprofile_id` left out is kept."""

    email: str
    first_name: str
    last_name: str
    degree: Literal["MD", "DO", "PA", "NP", "RN", "PharmD", "RPh", "CPhT", "other"]
    npi: str
    board_id: str
    nabp_eprofile_id: str
    birth_month: int | None
    birth_day: int | None
    specialty: str
    license_states: str
    license_number: str
    license_report_consent: bool
    membership_status: Literal["active", "lapsed", "non_member"]
    membership_expires_on: str | None


class Member(MemberBody):
    member_id: str
    updated_at: str
    pending_email: str | None


class BatchMember(MemberBody):
    member_id: str


class BatchMemberResult(TypedDict):
    member_id: str
    action: Literal["created", "updated", "unchanged"]
    email_pending: bool


class TestSummary(TypedDict):
    quiz_id: int
    title: str
    role: Literal["pre_test", "post_test", "knowledge_check"]
    module_id: int | None
    passing_score: int
    attempts_allowed: int | None
    time_limit_minutes: int | None


class Course(TypedDict, total=False):
    id: int
    slug: str
    title: str
    url: str
    modules: list[dict]
    tests: list[TestSummary]
    credit_designations: list[dict]
    updated_at: str


class Event(TypedDict):
    id: str
    type: str
    created_at: str
    data: dict


class Page(TypedDict):
    results: list
    next_cursor: str | None
