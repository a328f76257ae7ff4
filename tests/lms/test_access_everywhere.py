"""One access rule for every entry point: a learner page, the learner API, an admin action.

Each refusal (not enrolled; a members-only activity without an active membership: none,
lapsed, or past its expiry date; an activity past its credit dates) is tried at every entry
point of every step (mark a module complete, start a test, evaluate, claim), and each must
refuse with the rule's reason and write nothing. No management command records a learner's
step, so commands have no entry here.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from content.refusals import Refused
from courses.models import CoursePage, CreditType
from lms.models import (
    Certificate,
    Completion,
    CreditClaim,
    Enrollment,
    Evaluation,
    ModuleProgress,
    WebhookEvent,
)
from lms.services.credit import claim_credit
from quizzes.models import Attempt, AttemptGrant, Quiz, QuizRole
from quizzes.services.attempts import start_attempt, submit_attempt
from tests.api.conftest import session_client
from tests.factories import MemberFactory, choices, make_catalog, make_course, make_home, make_module, make_quiz

from .conftest import EVALUATION

AMA = CreditType.AMA_PRA_CATEGORY_1
NOT_ENROLLED = "Enrol in Access course first"
MEMBERS_ONLY = "Access course is open to society members only"

# who: (membership fields, enrolled, members-only activity) -> the reason the rule gives
LEARNERS = {
    "not enrolled": ({"membership_status": "active"}, False, False, NOT_ENROLLED),
    "members-only, not a member": ({"membership_status": "non_member"}, True, True, MEMBERS_ONLY),
    "members-only, lapsed": ({"membership_status": "lapsed"}, True, True, MEMBERS_ONLY),
    "members-only, active but past its expiry": (
        {"membership_status": "active", "membership_expires_on": datetime.date(2020, 6, 30)},
        True,
        True,
        MEMBERS_ONLY,
    ),
}


@pytest.fixture
def course(db):
    course = make_course(
        make_catalog(make_home()), slug="access", title="Access course", credit="0.75", estimated_minutes=45
    )
    make_module(course, slug="m1")
    make_quiz(course, role=QuizRole.POST_TEST, shuffle_questions=False, shuffle_choices=False)
    return course


def learner_refused(course, who):
    fields, enrolled, members_only, reason = LEARNERS[who]
    if members_only:
        course.members_only = True
        course.save_revision().publish()
    member = MemberFactory(user__username="refused", **fields)
    if enrolled:
        Enrollment.objects.create(member=member, course=course)
        # Completed while the membership was active: the claim is refused for the membership,
        # not for a missing step.
        Completion.objects.create(member=member, course=course, completed_at=timezone.now())
    return member, reason


def records():
    """Every row a learner step can write, counted."""
    return {
        "completed modules": ModuleProgress.objects.filter(completed_at__isnull=False).count(),
        "module progress": ModuleProgress.objects.count(),
        "attempts": Attempt.objects.count(),
        "evaluations": Evaluation.objects.count(),
        "completions": Completion.objects.count(),
        "claims": CreditClaim.objects.count(),
        "certificates": Certificate.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "webhook events": WebhookEvent.objects.count(),
    }


def evaluation_form(course):
    data = {f"objective_{block.id}": "5" for block in course.learning_objectives}
    data.update(relevance="5", practice_change="yes", free_of_commercial_bias="yes", overall_quality="5")
    return data


def evaluation_body(course):
    return {**EVALUATION, "objective_ratings": {block.id: 5 for block in course.learning_objectives}}


CLAIM_FORM = {"minutes": "45", "attest": "on", "report_consent": "yes", "amount_ama-pra-category-1": "0.75"}
CLAIM_BODY = {
    "minutes": 45,
    "attest": True,
    "report_consent": True,
    "amounts": [{"credit_type": AMA, "amount": "0.75"}],
}


def page_says(response):
    """What the learner is told: the queued messages and the page itself."""
    told = " ".join(str(message) for message in get_messages(response.wsgi_request))
    return told + response.content.decode()


def page_step(client, step, course):
    module, quiz = course.get_children().get(slug="m1"), course.quizzes.get(role=QuizRole.POST_TEST)
    if step == "module":
        return client.post(reverse("lms:complete_module", args=[module.pk]))
    if step == "quiz":
        return client.post(reverse("quizzes:start", args=[quiz.pk]))
    if step == "evaluation":
        return client.post(reverse("lms:evaluation", args=[course.pk]), evaluation_form(course))
    return client.post(reverse("lms:claim", args=[course.pk]), CLAIM_FORM)


def api_step(client, step, course):
    module, quiz = course.get_children().get(slug="m1"), course.quizzes.get(role=QuizRole.POST_TEST)
    if step == "module":
        return client.post(f"/api/v1/me/modules/{module.pk}/complete/")
    if step == "quiz":
        return client.post(f"/api/v1/me/quizzes/{quiz.pk}/attempts/")
    if step == "evaluation":
        return client.post(f"/api/v1/me/courses/{course.pk}/evaluation/", evaluation_body(course), format="json")
    return client.post(f"/api/v1/me/courses/{course.pk}/claims/", CLAIM_BODY, format="json")


STEPS = ["module", "quiz", "evaluation", "claim"]


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("who", list(LEARNERS))
def test_the_learner_pages_refuse_and_write_nothing(client, course, who, step):
    member, reason = learner_refused(course, who)
    client.force_login(member.user)
    before = records()
    response = page_step(client, step, course)
    assert reason in page_says(response)
    assert records() == before


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("who", list(LEARNERS))
def test_the_learner_api_refuses_with_the_same_reason_and_writes_nothing(course, who, step):
    member, reason = learner_refused(course, who)
    before = records()
    response = api_step(session_client(member.user), step, course)
    assert response.status_code == 422, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    assert reason in response.json()["detail"]
    assert records() == before


def expired_activity_completed_by(course):
    member = MemberFactory(user__username="late")
    Enrollment.objects.create(member=member, course=course)
    Completion.objects.create(member=member, course=course, completed_at=timezone.now())
    CoursePage.objects.filter(pk=course.pk).update(
        release_date=datetime.date(2020, 1, 1),
        last_review_date=datetime.date(2020, 1, 1),
        expiration_date=datetime.date(2021, 1, 1),
    )
    return member


def test_the_claim_page_refuses_an_expired_activity_and_writes_nothing(client, course):
    client.force_login(expired_activity_completed_by(course).user)
    before = records()
    response = client.post(reverse("lms:claim", args=[course.pk]), CLAIM_FORM)
    assert "Access course expired on 1 January 2021 and no longer awards credit." in page_says(response)
    assert records() == before


def test_the_claim_api_refuses_an_expired_activity_and_writes_nothing(course):
    me = session_client(expired_activity_completed_by(course).user)
    before = records()
    response = me.post(f"/api/v1/me/courses/{course.pk}/claims/", CLAIM_BODY, format="json")
    assert response.status_code == 422
    assert response.json()["detail"] == "Access course expired on 01 January 2021 and no longer awards credit."
    assert records() == before


def lapse(member):
    member.membership_status = "lapsed"
    member.save()


def test_a_lapsed_member_keeps_an_issued_certificate_and_claims_after_renewing(client, course):
    member, _ = learner_refused(course, "members-only, lapsed")
    member.membership_status = "active"
    member.save()
    certificate = claim_credit(member, course, 45, {CreditType.objects.get(code=AMA): Decimal("0.50")}, True)
    lapse(member)
    client.force_login(member.user)

    download = client.get(reverse("lms:certificate_pdf", args=[certificate.code]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    panel = client.get(course.url).content.decode()
    assert reverse("lms:certificate_pdf", args=[certificate.code]) in panel
    claim_page = client.get(reverse("lms:claim", args=[course.pk])).content.decode()
    assert "0.50 AMA PRA Category 1 Credit™" in claim_page and certificate.code in claim_page
    assert client.get(f"/verify/{certificate.code}/").content.decode().count("Valid.") == 1


def test_credit_earned_before_a_lapse_is_claimed_after_renewal(client, course):
    member, _ = learner_refused(course, "members-only, lapsed")
    client.force_login(member.user)
    claim_url = reverse("lms:claim", args=[course.pk])
    html = client.get(claim_url).content.decode()
    assert MEMBERS_ONLY in html and "Claim credit</button>" not in html
    member.membership_status = "active"
    member.save()
    assert client.post(claim_url, CLAIM_FORM).status_code == 302
    assert CreditClaim.objects.get(completion__member=member).amount == Decimal("0.75")


def test_a_test_started_as_a_member_counts_after_the_membership_lapses(course):
    """Grading is the consequence of a start the rule allowed: the learner's result is theirs."""
    module = course.get_children().get(slug="m1").specific
    check = Quiz.objects.create(title="Check", role=QuizRole.KNOWLEDGE_CHECK, module=module)
    check.questions.create(kind="single", stem="<p>?</p>", choices=choices("+yes", "no"), rationale="r")
    course.members_only = True
    course.save_revision().publish()
    member = MemberFactory(user__username="renewing")
    Enrollment.objects.create(member=member, course=course)
    attempt = start_attempt(check, member.user)
    lapse(member)
    submit_attempt(attempt.pk, member.user, {1: ["yes"]})
    assert ModuleProgress.objects.get(member=member, module=module).completed_at is not None


def test_a_manual_completion_is_a_coordinators_override_of_the_access_rule(admin_client, society_admin, course):
    """Recorded by hand with a reason (e.g. attended the live session), for a member who is not
    enrolled and whose membership lapsed; the claim that follows still needs the membership."""
    course.members_only = True
    course.save_revision().publish()
    member = MemberFactory(member_id="LAPSED-1", membership_status="lapsed")
    data = {"course": course.pk, "member": "LAPSED-1", "reason": "Attended the live session in March."}
    assert admin_client.post("/admin/cme-records/manual-completion/", data).status_code == 302
    completion = Completion.objects.get(member=member, course=course)
    assert completion.recorded_by == society_admin
    assert Enrollment.objects.filter(member=member, course=course).exists()
    assert (
        ModelLogEntry.objects.get(action="cme_lms.manual_completion").data["reason"]
        == "Attended the live session in March."
    )
    with pytest.raises(Refused, match=MEMBERS_ONLY):
        claim_credit(member, course, 45, {CreditType.objects.get(code=AMA): Decimal("0.75")}, True)
    assert not CreditClaim.objects.exists()


def test_a_granted_attempt_does_not_open_a_members_only_test_to_a_lapsed_member(client, society_admin, course):
    """A grant only raises the attempt limit; starting still follows the access rule."""
    quiz = course.quizzes.get(role=QuizRole.POST_TEST)
    quiz.max_attempts = 1
    quiz.save()
    member, reason = learner_refused(course, "members-only, lapsed")
    member.member_id = "LAPSED-2"
    member.save()
    data = {"quiz": quiz.pk, "member": "LAPSED-2", "reason": "Browser crashed."}
    client.force_login(society_admin)
    assert client.post("/admin/cme-records/grant-attempt/", data).status_code == 302
    assert AttemptGrant.objects.filter(user=member.user).count() == 1
    client.force_login(member.user)
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert reason in page_says(response)
    assert not Attempt.objects.exists()
