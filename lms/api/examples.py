"""Examples shown in the OpenAPI document; realistic, and never an answer key."""

from drf_spectacular.utils import OpenApiExample

from quizzes.models import QuestionKind

COURSE = {
    "id": 5,
    "slug": "ipm-fundamentals",
    "title": "Interventional Pain Management Fundamentals",
    "url": "https://cme.example.org/courses/ipm-fundamentals/",
    "track": {"slug": "ipm-fundamentals", "name": "IPM fundamentals"},
    "summary": "An introduction to interventional pain management for referring clinicians.",
    "learning_objectives": [{"id": "acab6c3c-dde7-5a8a-b2b3-3a3ab594fc23", "text": "Describe the scope of IPM."}],
    "learning_format": "enduring material",
    "estimated_minutes": 45,
    "credit_designations": [
        {"credit_type": "ama-pra-category-1", "credit_type_name": "AMA PRA Category 1 Credit™", "max_amount": "0.75"}
    ],
    "release_date": "2026-09-01",
    "last_review_date": "2026-09-01",
    "expiration_date": "2028-08-31",
    "members_only": False,
    "updated_at": "2026-09-01T08:00:00Z",
    "modules": [{"id": 6, "slug": "what-is-ipm", "title": "What IPM is", "estimated_minutes": 7, "required": True}],
    "tests": [
        {
            "quiz_id": 3,
            "title": "IPM fundamentals pre-test",
            "role": "pre_test",
            "module_id": None,
            "passing_score": 0,
            "attempts_allowed": 1,
            "time_limit_minutes": None,
        },
        {
            "quiz_id": 4,
            "title": "IPM fundamentals post-test",
            "role": "post_test",
            "module_id": None,
            "passing_score": 70,
            "attempts_allowed": 3,
            "time_limit_minutes": 30,
        },
    ],
}
CATALOG_PAGE = OpenApiExample(
    "One page of activities",
    # One item: drf-spectacular wraps it in the page's envelope.
    value=COURSE,
    response_only=True,
)
COURSE_DETAIL = OpenApiExample(
    "An activity",
    value={
        **COURSE,
        "target_audience": "Primary care physicians and physiatrists.",
        "commercial_support": "This activity received no commercial support.",
        "commercial_supporters": [],
        "faculty": [
            {
                "name": "Dana Whitfield",
                "credentials": "MD",
                "role": "Course director",
                "no_relevant_financial_relationships": True,
                "financial_relationships": [],
            }
        ],
    },
    response_only=True,
)
MEMBER_VALUE = {
    "member_id": "DEMO-0001",
    "email": "priya.patel@example.org",
    "first_name": "Priya",
    "last_name": "Patel",
    "degree": "MD",
    "npi": "1234567893",
    "board_id": "ABPMR-000001",
    "nabp_eprofile_id": "",
    "birth_month": 4,
    "birth_day": 17,
    "specialty": "Physical medicine and rehabilitation",
    "license_states": "NY",
    "license_number": "NY-209876",
    "license_report_consent": True,
    "membership_status": "active",
    "membership_expires_on": "2027-12-31",
    "updated_at": "2026-10-01T09:00:00Z",
    "pending_email": None,
}
MEMBER = OpenApiExample("A member", value=MEMBER_VALUE, response_only=True)
MEMBER_BODY = {
    name: value for name, value in MEMBER_VALUE.items() if name not in ("member_id", "updated_at", "pending_email")
}
SECOND_MEMBER_BODY = {
    "member_id": "DEMO-0002",
    "email": "sam.okafor@example.org",
    "first_name": "Sam",
    "last_name": "Okafor",
    "degree": "DO",
    "membership_status": "lapsed",
}
BATCH_RESULT = OpenApiExample(
    "What happened to each",
    value={
        "results": [
            {"member_id": "DEMO-0001", "action": "unchanged", "email_pending": False},
            {"member_id": "DEMO-0002", "action": "created", "email_pending": False},
        ]
    },
    response_only=True,
)
MEMBER_EMAIL_PENDING = OpenApiExample(
    "A new e-mail waiting for the member's confirmation (202)",
    value={**MEMBER_VALUE, "pending_email": "p.patel@example.net"},
    response_only=True,
    status_codes=["202"],
)
MEMBER_PAGE = OpenApiExample(
    "One page of members",
    # One item: drf-spectacular wraps it in the page's envelope.
    value=MEMBER_VALUE,
    response_only=True,
)
PROGRESS = OpenApiExample(
    "A member's progress",
    value={
        "member_id": "DEMO-0001",
        "enrollments": [
            {
                "course": {"id": 5, "title": "Interventional Pain Management Fundamentals"},
                "status": "completed",
                "enrolled_at": "2026-10-01T09:12:00Z",
                "progress": {"earned": 7, "possible": 7, "ratio": 1.0},
                "pre_test_best_score": "50.00",
                "post_test_best_score": "87.50",
                "completed_at": "2026-10-02T17:40:00Z",
                "credits_claimed": [{"credit_type": "ama-pra-category-1", "amount": "0.75"}],
                "moc_claimed": [{"board": "ABIM", "moc_type": "Medical Knowledge", "points": "0.75"}],
                "participation_minutes": None,
                "certificate_code": "JFCM-792Q-Z9FJ-ANVT",
            }
        ],
    },
    response_only=True,
)
TRANSCRIPT = OpenApiExample(
    "Credit in 2026",
    value={
        "member_id": "DEMO-0001",
        "start": "2026-01-01",
        "end": "2026-12-31",
        "rows": [
            {
                "completion_date": "2026-10-02",
                "activity": "Interventional Pain Management Fundamentals",
                "credit_type": "AMA PRA Category 1 Credit™",
                "amount": "0.75",
                "certificate_code": "JFCM-792Q-Z9FJ-ANVT",
            }
        ],
        "totals": [{"credit_type": "AMA PRA Category 1 Credit™", "amount": "0.75"}],
    },
    response_only=True,
)
FEED = OpenApiExample(
    "A page of the feed",
    value={
        "results": [
            {
                "id": 41,
                "member_id": "DEMO-0001",
                "course": {"id": 5, "title": "Interventional Pain Management Fundamentals"},
                "completed_at": "2026-10-02T17:40:00Z",
                "updated_at": "2026-10-02T17:42:10Z",
                "credit_claims": [
                    {
                        "credit_type": "ama-pra-category-1",
                        "amount": "0.75",
                        "claimed_at": "2026-10-02T17:42:09Z",
                        "report_consent": True,
                    }
                ],
                "certificate_code": "JFCM-792Q-Z9FJ-ANVT",
                "certificate_revoked": False,
                "certificate_revoked_at": None,
            }
        ],
        "next_cursor": "MjAyNi0xMC0wMlQxNzo0MjoxMCswMDowMHw0MQ",
    },
    response_only=True,
)
VERIFICATION = OpenApiExample(
    "A valid certificate",
    value={
        "code": "JFCM-792Q-Z9FJ-ANVT",
        "valid": True,
        "revoked_at": None,
        "certificate_kind": "credit",
        "version": 2,
        "superseded_at": None,
        "superseded_by": None,
        "learner_name": "Priya Patel",
        "activity_title": "Interventional Pain Management Fundamentals",
        "completion_date": "2026-10-02",
        "credits": [{"credit_type": "AMA PRA Category 1 Credit™", "amount": "0.75"}],
        "moc": [{"board_code": "ABIM", "moc_type": "ABIM Medical Knowledge", "points": "0.75"}],
    },
    response_only=True,
)
ATTEMPT = OpenApiExample(
    "An attempt in progress",
    value={
        "id": 12,
        "quiz": 3,
        "number": 1,
        "status": "in_progress",
        "passing_score": 70,
        "deadline": None,
        "questions": [
            {
                "position": 1,
                "kind": QuestionKind.SINGLE.value,
                "stem": "<p>Which comes first for most disc herniations?</p>",
                "choices": [
                    {"id": "4f0c2d1e-choice-a", "text": "Spinal cord stimulation"},
                    {"id": "9a8b7c6d-choice-b", "text": "Conservative care"},
                ],
            }
        ],
        "feedback_policy": "wrong_then_key",
        "score_percent": None,
        "passed": None,
        "feedback": None,
        "feedback_pending": None,
        "attempts_left": 2,
    },
    response_only=True,
)
GRADED_ATTEMPT = OpenApiExample(
    "A failed post-test attempt (policy: which were wrong, the key once passed or out of attempts)",
    value={
        "id": 12,
        "quiz": 3,
        "number": 1,
        "status": "submitted",
        "passing_score": 70,
        "deadline": None,
        "questions": [
            {
                "position": 1,
                "kind": QuestionKind.SINGLE.value,
                "stem": "<p>Which comes first for most disc herniations?</p>",
                "choices": [
                    {"id": "4f0c2d1e-choice-a", "text": "Spinal cord stimulation"},
                    {"id": "9a8b7c6d-choice-b", "text": "Conservative care"},
                ],
            },
            {
                "position": 2,
                "kind": QuestionKind.TRUE_FALSE.value,
                "stem": "<p>Chronic pain lasts more than 3 months.</p>",
                "choices": [{"id": "1c2d-true", "text": "True"}, {"id": "3e4f-false", "text": "False"}],
            },
        ],
        "feedback_policy": "wrong_then_key",
        "score_percent": "50.00",
        "passed": False,
        "feedback": [
            {"position": 1, "selected": ["4f0c2d1e-choice-a"], "correct": False, "credit": "0.000"},
            {
                "position": 2,
                "selected": ["1c2d-true"],
                "correct": True,
                "credit": "1.000",
                "rationale": "The IASP defines chronic pain as pain lasting more than 3 months.",
                "reference": "IASP. Classification of chronic pain.",
            },
        ],
        "feedback_pending": "Every correct answer and explanation is shown once you pass or have no attempts left.",
        "attempts_left": 2,
    },
    response_only=True,
)
SUBMISSION = OpenApiExample(
    "Answers", value={"answers": [{"position": 1, "choices": ["9a8b7c6d-choice-b"]}]}, request_only=True
)
EVALUATION = OpenApiExample(
    "An evaluation",
    value={
        "objective_ratings": {"acab6c3c-dde7-5a8a-b2b3-3a3ab594fc23": 5},
        "relevance": 5,
        "practice_change": "yes",
        "commitment_to_change": "Refer chronic radicular pain earlier.",
        "free_of_commercial_bias": True,
        "bias_comment": "",
        "overall_quality": 4,
        "comments": "",
    },
    request_only=True,
)
CLAIM = OpenApiExample(
    "Claim 0.75 credit",
    value={
        "minutes": 45,
        "attest": True,
        "report_consent": True,
        "amounts": [{"credit_type": "ama-pra-category-1", "amount": "0.75"}],
    },
    request_only=True,
)
CLAIM_MOC_LATER = OpenApiExample(
    "Later, add ABIM MOC (needs the diplomate id and consent)",
    value={"minutes": 45, "attest": True, "report_consent": True, "moc": [{"board": "ABIM", "points": "0.75"}]},
    request_only=True,
)
PARTICIPATION = OpenApiExample(
    "A non-physician records participation",
    value={"minutes": 40, "attest": True, "report_consent": True, "participation": True},
    request_only=True,
)
CLAIM_RESULT = OpenApiExample(
    "The certificate issued",
    value={
        "certificate_code": "JFCM-792Q-Z9FJ-ANVT",
        "certificate_kind": "credit",
        "certificate_version": 1,
        "verification_url": "https://cme.example.org/verify/JFCM-792Q-Z9FJ-ANVT/",
    },
    response_only=True,
)
PORTAL = OpenApiExample(
    "A key being rotated out",
    value={
        "name": "Member portal",
        "scopes": ["catalog:read", "members:read", "members:write", "progress:read"],
        "key": {
            "prefix": "Xr3bT1aQ",
            "name": "production",
            "created_at": "2026-01-05T10:00:00Z",
            "expires_at": "2026-11-02T10:00:00Z",
        },
        "webhook_url": "https://portal.example.org/hooks/cme",
        "previous_webhook_secret_expires_at": None,
    },
    response_only=True,
)
EVENT = {
    "id": "0b0e8f0e-5d4c-4a6e-9a39-2f1f4a3c1d2e",
    "type": "completion.created",
    "created_at": "2026-10-02T17:40:00Z",
    "data": {
        "completion_id": 41,
        "member_id": "DEMO-0001",
        "course": {"id": 5, "title": "Interventional Pain Management Fundamentals"},
        "completed_at": "2026-10-02T17:40:00+00:00",
    },
}
EVENT_PAGE = OpenApiExample(
    "Events since an outage",
    # One item: drf-spectacular wraps it in the page's envelope.
    value=EVENT,
    response_only=True,
)
