"""The learner's pages over HTTP: enrol, modules, evaluation, claim, certificate, dashboard, transcript."""

import io
from decimal import Decimal

import pytest
import zxingcpp
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from courses.models import CreditType, ModulePage
from lms.models import Certificate, Completion, CreditClaim, Enrollment, ModuleProgress
from lms.services.certificates import verification_url
from lms.services.credit import claim_credit
from lms.services.evaluation import submit_evaluation
from lms.services.progress import complete_module
from tests.factories import MemberFactory, UserFactory, make_course, make_module

from .conftest import evaluation_answers, pass_post_test


@pytest.fixture
def signed_in(client, member):
    client.force_login(member.user)
    return client


def finish(member, course):
    for module in ModulePage.objects.child_of(course).filter(required=True):
        complete_module(member, module, course)
    pass_post_test(member, course)
    submit_evaluation(member, course, evaluation_answers(course))


def test_enrolment_is_a_post_never_a_get_side_effect(client, activity_with_optional_module):
    member = MemberFactory(user__username="newcomer")
    client.force_login(member.user)
    url = reverse("lms:enrol", args=[activity_with_optional_module.pk])
    assert client.get(url).status_code == 405
    assert client.get(activity_with_optional_module.url).status_code == 200
    assert client.get(ModulePage.objects.get(slug="m1").url).status_code == 200
    assert not Enrollment.objects.filter(member=member).exists()
    assert client.post(url).status_code == 302
    assert Enrollment.objects.filter(member=member, course=activity_with_optional_module).count() == 1


def test_module_view_records_start_and_the_button_completes_it(signed_in, member, activity_with_optional_module):
    module = ModulePage.objects.get(slug="m1")
    html = signed_in.get(module.url).content.decode()
    assert "Mark this module complete" in html
    progress = ModuleProgress.objects.get(member=member, module=module)
    assert progress.completed_at is None
    response = signed_in.post(reverse("lms:complete_module", args=[module.pk]))
    assert response["Location"] == ModulePage.objects.get(slug="m2").url
    progress.refresh_from_db()
    assert progress.completed_at is not None


def test_evaluation_form_then_claim_form_then_certificate(signed_in, member, activity_with_optional_module):
    for module in ModulePage.objects.child_of(activity_with_optional_module).filter(required=True):
        complete_module(member, module, activity_with_optional_module)
    pass_post_test(member, activity_with_optional_module)
    data = {f"objective_{block.id}": "4" for block in activity_with_optional_module.learning_objectives}
    data.update(
        relevance="5",
        practice_change="yes",
        commitment_to_change="Image-guided first.",
        free_of_commercial_bias="no",
        bias_comment="",
        overall_quality="5",
    )
    response = signed_in.post(reverse("lms:evaluation", args=[activity_with_optional_module.pk]), data)
    assert response.status_code == 200
    assert "Tell us where you noticed bias" in response.content.decode()
    data["bias_comment"] = "A device brand was named."
    response = signed_in.post(reverse("lms:evaluation", args=[activity_with_optional_module.pk]), data)
    assert response["Location"] == reverse("lms:claim", args=[activity_with_optional_module.pk])
    assert Completion.objects.filter(member=member).exists()

    claim_url = reverse("lms:claim", args=[activity_with_optional_module.pk])
    over = {"minutes": "45", "attest": "on", "report_consent": "yes", "amount_ama-pra-category-1": "1.00"}
    html = signed_in.post(claim_url, over).content.decode()
    assert "You can claim at most 0.75 AMA PRA Category 1 Credit™." in html
    unattested = {"minutes": "45", "report_consent": "yes", "amount_ama-pra-category-1": "0.75"}
    assert "Tick the attestation" in signed_in.post(claim_url, unattested).content.decode()
    assert not CreditClaim.objects.exists()

    good = {"minutes": "45", "attest": "on", "report_consent": "no", "amount_ama-pra-category-1": "0.75"}
    assert signed_in.post(claim_url, good).status_code == 302
    certificate = Certificate.objects.get()
    html = signed_in.get(claim_url).content.decode()
    assert "0.75 AMA PRA Category 1 Credit™" in html and certificate.code in html
    first = signed_in.get(reverse("lms:certificate_pdf", args=[certificate.code]))
    second = signed_in.get(reverse("lms:certificate_pdf", args=[certificate.code]))
    assert b"".join(first.streaming_content) == b"".join(second.streaming_content)


def test_certificate_pdf_shows_the_credit_and_its_qr_opens_verification(member, activity_with_optional_module):
    finish(member, activity_with_optional_module)
    certificate = claim_credit(
        member,
        activity_with_optional_module,
        45,
        {CreditType.objects.get(code="ama-pra-category-1"): Decimal("0.75")},
        True,
    )
    reader = PdfReader(io.BytesIO(certificate.pdf.read()))
    text = " ".join(page.extract_text() for page in reader.pages)
    for expected in (
        "Ada Lovelace",
        "MD",
        "Records course",
        "0.75",
        "AMA PRA Category 1 Credit",
        certificate.code,
        "enduring material",
        "accredited by the",
    ):
        assert expected in text, expected
    decoded = []
    for image in reader.pages[0].images:
        decoded += [barcode.text for barcode in zxingcpp.read_barcodes(image.image.convert("L"))]
    assert decoded == [verification_url(certificate.code)]


def test_verification_shows_only_the_name_and_the_credit(client, member, activity_with_optional_module):
    member.birth_month, member.birth_day = 4, 17
    member.save()
    finish(member, activity_with_optional_module)
    certificate = claim_credit(
        member,
        activity_with_optional_module,
        45,
        {CreditType.objects.get(code="ama-pra-category-1"): Decimal("0.75")},
        True,
    )
    html = client.get(reverse("lms:verify", args=[certificate.code])).content.decode()
    assert "Valid." in html and "Ada Lovelace" in html and "Records course" in html and "0.75" in html
    assert member.user.email not in html and member.npi not in html and "April" not in html
    assert client.get(reverse("lms:verify", args=["NOPE-NOPE-NOPE-NOPE"])).status_code == 404


def test_another_learners_certificate_pdf_is_not_found(client, member, activity_with_optional_module):
    finish(member, activity_with_optional_module)
    certificate = claim_credit(
        member,
        activity_with_optional_module,
        45,
        {CreditType.objects.get(code="ama-pra-category-1"): Decimal("0.75")},
        True,
    )
    client.force_login(MemberFactory(user__username="other").user)
    assert client.get(reverse("lms:certificate_pdf", args=[certificate.code])).status_code == 404


def test_certificate_codes_are_unguessable():
    from lms.services.certificates import CODE_ALPHABET, new_code

    codes = {new_code() for _ in range(500)}
    assert len(codes) == 500
    for code in list(codes)[:20]:
        assert len(code.replace("-", "")) == 16 and set(code.replace("-", "")) <= set(CODE_ALPHABET)


def test_members_only_module_tells_a_non_member_why(client, activity_with_optional_module):
    activity_with_optional_module.members_only = True
    activity_with_optional_module.save_revision().publish()
    lapsed = MemberFactory(user__username="lapsed", membership_status="lapsed")
    client.force_login(lapsed.user)
    landing = client.get(activity_with_optional_module.url)
    assert landing.status_code == 200
    assert "open to society members only" in landing.content.decode()
    response = client.get(ModulePage.objects.get(slug="m1").url)
    assert response.status_code == 403
    assert "open to society members only" in response.content.decode()
    client.post(reverse("lms:enrol", args=[activity_with_optional_module.pk]))
    assert not Enrollment.objects.filter(member=lapsed).exists()


def test_members_only_quiz_refuses_a_non_member(client, activity_with_optional_module):
    from quizzes.models import Attempt, QuizRole

    activity_with_optional_module.members_only = True
    activity_with_optional_module.save_revision().publish()
    lapsed = MemberFactory(user__username="lapsed2", membership_status="lapsed")
    Enrollment.objects.create(member=lapsed, course=activity_with_optional_module)
    client.force_login(lapsed.user)
    quiz = activity_with_optional_module.quizzes.get(role=QuizRole.POST_TEST)
    response = client.post(reverse("quizzes:start", args=[quiz.pk]), follow=True)
    assert "open to society members only" in response.content.decode()
    assert not Attempt.objects.exists()


def test_quiz_needs_enrolment_first(client, activity_with_optional_module):
    from quizzes.models import QuizRole

    client.force_login(MemberFactory(user__username="walkin").user)
    quiz = activity_with_optional_module.quizzes.get(role=QuizRole.POST_TEST)
    response = client.post(reverse("quizzes:start", args=[quiz.pk]), follow=True)
    assert "Enrol in Records course first; your progress is recorded from then on." in response.content.decode()


def test_dashboard_shows_progress_and_completed_credit(signed_in, member, activity_with_optional_module):
    complete_module(member, ModulePage.objects.get(slug="m1"), activity_with_optional_module)
    html = signed_in.get(reverse("lms:dashboard")).content.decode()
    assert "1 of 4 steps done" in html  # 2 required modules + post-test + evaluation
    finish(member, activity_with_optional_module)
    claim_credit(
        member,
        activity_with_optional_module,
        45,
        {CreditType.objects.get(code="ama-pra-category-1"): Decimal("0.75")},
        True,
    )
    html = signed_in.get(reverse("lms:dashboard")).content.decode()
    assert "Completed" in html and "Download certificate" in html
    assert "<strong>0.75</strong> AMA PRA Category 1 Credit™" in html


@pytest.mark.parametrize("shared_cache", [True, False])
def test_dashboard_query_count_is_flat_from_1_to_30_courses(
    client, activity_with_optional_module, settings, shared_cache
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.CME_SHARED_CACHE = shared_cache  # stored lists of activities, or computed on every visit
    member = MemberFactory(user__username="busy")
    catalog = activity_with_optional_module.get_parent()
    client.force_login(member.user)

    def enrol_in(count):
        for index in range(Enrollment.objects.filter(member=member).count(), count):
            extra = make_course(catalog, slug=f"extra-{index}")
            make_module(extra, slug="only")
            Enrollment.objects.create(member=member, course=extra)
        client.get("/")  # a new site's first visit creates its statement settings (an edit)
        client.get(reverse("lms:dashboard"))  # fills the per-process site caches, as on a running site
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("lms:dashboard"))
        assert response.content.decode().count("steps done") == count
        return len(queries)

    at_one = enrol_in(1)
    assert enrol_in(30) == at_one
    # session, user, member; unless stored: the credit and MOC totals, enrollments with progress, the
    # site for their links, and the next steps' batch reads (lms/services/next_step.py), the same for
    # 1 activity or 30
    assert at_one <= (3 if shared_cache else 7 + 8)


def test_transcript_totals_for_a_period_and_csv(signed_in, member, activity_with_optional_module):
    finish(member, activity_with_optional_module)
    claim_credit(
        member,
        activity_with_optional_module,
        45,
        {CreditType.objects.get(code="ama-pra-category-1"): Decimal("0.75")},
        True,
    )
    html = signed_in.get(reverse("lms:transcript")).content.decode()
    assert "Records course" in html and "<strong>0.75</strong>" in html
    empty = signed_in.get(reverse("lms:transcript"), {"start": "2001-01-01", "end": "2001-12-31"}).content.decode()
    assert "No credit in this period." in empty
    csv = signed_in.get(reverse("lms:transcript"), {"format": "csv"}).content.decode()
    assert "Records course,AMA PRA Category 1 Credit™,0.75," in csv
    pdf = signed_in.get(reverse("lms:transcript"), {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_learner_pages_need_sign_in(client, activity_with_optional_module):
    for url in (
        reverse("lms:dashboard"),
        reverse("lms:transcript"),
        reverse("lms:claim", args=[activity_with_optional_module.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_user_without_member_profile_is_told_why(client, activity_with_optional_module):
    client.force_login(UserFactory(username="staffer"))
    html = client.get(activity_with_optional_module.url).content.decode()
    assert "no member profile yet" in html


def test_certificate_issue_sends_an_email(
    member, activity_with_optional_module, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        finish(member, activity_with_optional_module)
        certificate = claim_credit(
            member,
            activity_with_optional_module,
            45,
            {CreditType.objects.get(code="ama-pra-category-1"): Decimal("0.75")},
            True,
        )
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [member.user.email]
    assert certificate.code in mailoutbox[0].body


def test_auto_enrolment_on_first_module_view_is_a_setting(client, activity_with_optional_module, settings):
    newcomer = MemberFactory(user__username="auto")
    client.force_login(newcomer.user)
    module = ModulePage.objects.get(slug="m1")
    client.get(module.url)
    assert not Enrollment.objects.filter(member=newcomer).exists()
    settings.LMS = {"AUTO_ENROLL_ON_MODULE_VIEW": True}
    client.get(module.url)
    assert Enrollment.objects.filter(member=newcomer, course=activity_with_optional_module).exists()
    assert ModuleProgress.objects.filter(member=newcomer, module=module).exists()


def test_the_activity_page_builds_the_learners_outline_once(signed_in, member, activity_with_optional_module):
    """The next-step bar and the learner panel both show the outline; it is read once per request
    (the completion rule, the outline's ticks and the next step each read module progress once)."""
    Enrollment.objects.get_or_create(member=member, course=activity_with_optional_module)
    signed_in.get(activity_with_optional_module.url)
    with CaptureQueriesContext(connection) as queries:
        response = signed_in.get(activity_with_optional_module.url)
    assert response.status_code == 200
    assert "Module 1: Module one" in response.content.decode()
    progress_reads = [q for q in queries.captured_queries if "cme_lms_moduleprogress" in q["sql"]]
    assert len(progress_reads) == 3, [q["sql"][:120] for q in progress_reads]
