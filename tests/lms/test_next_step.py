"""The learner's next step: one primary action, the same on the activity page, the dashboard, the
home page and a test's result, from enrolling to the certificate."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Board, CoursePage, CreditType, MocDesignation, ModulePage
from lms.models import BoardCertification, Completion, Enrollment
from lms.services.certificates import revoke_certificate
from lms.services.credit import claim_credit
from lms.services.evaluation import submit_evaluation
from lms.services.next_step import Kind, next_step
from lms.services.progress import complete_module
from quizzes.models import Attempt, QuizRole
from tests.factories import MemberFactory, UserFactory

from .conftest import evaluation_answers, pass_post_test

AMA = CreditType.AMA_PRA_CATEGORY_1


def top_action(html):
    """The label of the primary action in the "Your next step" box, or its note."""
    box = html[html.index('id="next-step-heading"') :]
    box = box[: box.index("</section>")]
    found = re.search(r'class="button next-step-action"[^>]*>([^<]+)<', box)
    return found.group(1) if found else re.search(r'class="notice" role="note">([^<]+)<', box).group(1)


def module(course, slug):
    return ModulePage.objects.get(slug=slug)


@pytest.fixture
def doc(client, activity_with_optional_module):
    member = MemberFactory(user__username="walker", first_name="Ada", last_name="Lee")
    client.force_login(member.user)
    return member


def test_one_action_walks_the_learner_from_enrolling_to_the_certificate(client, activity_with_optional_module, doc):
    def action():
        html = client.get(activity_with_optional_module.url).content.decode()
        # At the top: above the "Before you start" box and everything after it.
        assert html.index('id="next-step-heading"') < html.index('id="before-start-heading"')
        label = top_action(html)
        assert label == next_step(doc, CoursePage.objects.get(pk=activity_with_optional_module.pk)).label
        return label

    assert action() == "Enrol and start"
    client.post(reverse("lms:enrol", args=[activity_with_optional_module.pk]))
    assert action() == "Start module 1"
    complete_module(doc, module(activity_with_optional_module, "m1"), activity_with_optional_module)
    assert action() == "Resume module 2"
    complete_module(doc, module(activity_with_optional_module, "m2"), activity_with_optional_module)
    assert action() == "Take the post-test (3 attempts left)"
    pass_post_test(doc, activity_with_optional_module, correct=False)
    assert action() == "Take the post-test (2 attempts left)"
    pass_post_test(doc, activity_with_optional_module)
    assert action() == "Complete the evaluation"
    submit_evaluation(doc, activity_with_optional_module, evaluation_answers(activity_with_optional_module))
    assert action() == "Claim credit"
    claim_credit(doc, activity_with_optional_module, 45, {CreditType.objects.get(code=AMA): Decimal("0.75")}, True)
    assert action() == "Download certificate"
    certificate = Completion.objects.get(member=doc).current_certificate
    assert (
        f'href="{reverse("lms:certificate_pdf", args=[certificate.code])}"'
        in client.get(activity_with_optional_module.url).content.decode()
    )


def test_the_dashboard_names_the_same_step_for_each_activity(client, activity_with_optional_module, doc):
    Enrollment.objects.create(member=doc, course=activity_with_optional_module)
    complete_module(doc, module(activity_with_optional_module, "m1"), activity_with_optional_module)
    html = client.get(reverse("lms:dashboard")).content.decode()
    assert ">Resume module 2</a>" in html
    pass_post_test(doc, activity_with_optional_module)
    complete_module(doc, module(activity_with_optional_module, "m2"), activity_with_optional_module)
    assert ">Complete the evaluation</a>" in client.get(reverse("lms:dashboard")).content.decode()


def test_the_home_page_shows_the_learners_next_action(client, activity_with_optional_module, doc):
    Enrollment.objects.create(member=doc, course=activity_with_optional_module)
    html = client.get("/").content.decode()
    assert "Records course" in html and ">Start module 1</a>" in html
    client.logout()
    html = client.get("/").content.decode()
    assert "Start module 1" not in html and "Records course" in html  # featured, for everyone


def test_a_signed_out_visitor_is_asked_to_sign_in_and_comes_back(client, activity_with_optional_module):
    html = client.get(activity_with_optional_module.url).content.decode()
    assert top_action(html) == "Sign in to start"
    assert f'href="/accounts/login/?next={activity_with_optional_module.url.replace("/", "%2F")}"' in html


def test_a_signed_out_visitor_opening_a_members_only_module_is_asked_to_sign_in(client, activity_with_optional_module):
    page = CoursePage.objects.get(pk=activity_with_optional_module.pk)
    page.members_only = True
    page.save_revision().publish()
    first = module(activity_with_optional_module, "m1")
    response = client.get(first.url)
    assert response.status_code == 302 and response["Location"] == f"/accounts/login/?next={first.url}"
    client.force_login(UserFactory(username="staffer"))
    refused = client.get(first.url)
    assert refused.status_code == 403 and "no member profile yet" in refused.content.decode()


def test_signing_in_lands_on_the_dashboard_or_the_page_that_asked(client, activity_with_optional_module):
    MemberFactory(user__username="returning")
    credentials = {"username": "returning", "password": "correct horse battery"}
    response = client.post(reverse("login"), credentials)
    assert response.status_code == 302 and response["Location"] == reverse("lms:dashboard")
    client.logout()
    response = client.post(
        f"{reverse('login')}?next={activity_with_optional_module.url}",
        {**credentials, "next": activity_with_optional_module.url},
    )
    assert response["Location"] == activity_with_optional_module.url


def test_a_lapsed_membership_is_the_note_but_a_certificate_stays_downloadable(
    client, activity_with_optional_module, doc
):
    Enrollment.objects.create(member=doc, course=activity_with_optional_module)
    page = CoursePage.objects.get(pk=activity_with_optional_module.pk)
    page.members_only = True
    page.save_revision().publish()
    doc.membership_expires_on = datetime.date(2020, 1, 1)
    doc.save()
    step = next_step(doc, page)
    assert step.kind == Kind.WAIT and "open to society members only" in step.note
    assert "open to society members only" in top_action(client.get(activity_with_optional_module.url).content.decode())

    doc.membership_expires_on = None
    doc.save()
    for slug in ("m1", "m2"):
        complete_module(doc, module(activity_with_optional_module, slug), activity_with_optional_module)
    pass_post_test(doc, activity_with_optional_module)
    submit_evaluation(doc, activity_with_optional_module, evaluation_answers(activity_with_optional_module))
    claim_credit(doc, activity_with_optional_module, 45, {CreditType.objects.get(code=AMA): Decimal("0.75")}, True)
    doc.membership_expires_on = datetime.date(2020, 1, 1)
    doc.save()
    assert next_step(doc, page).label == "Download certificate"


def test_out_of_attempts_the_step_is_the_contact_line(activity_with_optional_module, doc):
    Enrollment.objects.create(member=doc, course=activity_with_optional_module)
    for slug in ("m1", "m2"):
        complete_module(doc, module(activity_with_optional_module, slug), activity_with_optional_module)
    for _ in range(3):
        pass_post_test(doc, activity_with_optional_module, correct=False)
    step = next_step(doc, activity_with_optional_module)
    assert step.kind == Kind.WAIT and not step.is_action and "Contact the CME office" in step.note


def complete(member, course):
    Enrollment.objects.create(member=member, course=course)
    for slug in ("m1", "m2"):
        complete_module(member, module(course, slug), course)
    pass_post_test(member, course)
    submit_evaluation(member, course, evaluation_answers(course))


def test_credit_is_claimable_until_every_designated_type_is_claimed(activity_with_optional_module, doc):
    complete(doc, activity_with_optional_module)
    assert next_step(doc, activity_with_optional_module).kind == Kind.CLAIM
    CoursePage.objects.filter(pk=activity_with_optional_module.pk).update(
        expiration_date=datetime.date.today() - datetime.timedelta(days=1)
    )
    assert next_step(doc, CoursePage.objects.get(pk=activity_with_optional_module.pk)).kind == Kind.WAIT
    CoursePage.objects.filter(pk=activity_with_optional_module.pk).update(
        expiration_date=activity_with_optional_module.expiration_date
    )
    claim_credit(doc, activity_with_optional_module, 45, {CreditType.objects.get(code=AMA): Decimal("0.75")}, True)
    assert next_step(doc, activity_with_optional_module).kind == Kind.CERTIFICATE


def test_a_non_physician_is_asked_to_record_participation_once(activity_with_optional_module):
    pa = MemberFactory(user__username="pa", degree="PA")
    complete(pa, activity_with_optional_module)
    step = next_step(pa, activity_with_optional_module)
    assert step.kind == Kind.CLAIM
    claim_credit(pa, activity_with_optional_module, 45, {}, True, participation=True)
    assert next_step(pa, activity_with_optional_module).kind == Kind.CERTIFICATE


def test_nothing_more_is_claimable_once_the_certificate_is_revoked(activity_with_optional_module, doc):
    board, _ = Board.objects.get_or_create(code="ABIM", defaults={"name": "American Board of Internal Medicine"})
    MocDesignation.objects.create(
        page=activity_with_optional_module, board=board, moc_type="Medical Knowledge", points="0.75", statement="-"
    )
    BoardCertification.objects.create(
        member=doc, board=board, diplomate_id="123456", report_consent=True, consented_at=timezone.now()
    )
    complete(doc, activity_with_optional_module)
    certificate = claim_credit(
        doc, activity_with_optional_module, 45, {CreditType.objects.get(code=AMA): Decimal("0.75")}, True
    )
    assert next_step(doc, activity_with_optional_module).kind == Kind.CLAIM  # the board's MOC is still open
    revoke_certificate(certificate, UserFactory(username="coordinator"), "Attestation found false.")
    assert next_step(doc, activity_with_optional_module).kind == Kind.CERTIFICATE


def result_html(client, member, course, correct):
    pass_post_test(member, course, correct=correct)
    attempt = Attempt.objects.filter(user=member.user, quiz__role=QuizRole.POST_TEST).order_by("-number").first()
    return client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()


def test_a_result_page_ends_with_the_next_step(client, activity_with_optional_module, doc):
    Enrollment.objects.create(member=doc, course=activity_with_optional_module)
    for slug in ("m1", "m2"):
        complete_module(doc, module(activity_with_optional_module, slug), activity_with_optional_module)
    failed = result_html(client, doc, activity_with_optional_module, correct=False)
    assert failed.index('id="next-step-heading"') > failed.index("did not pass")
    assert ">Try again (2 left)</button>" in failed
    passed = result_html(client, doc, activity_with_optional_module, correct=True)
    assert top_action(passed) == "Complete the evaluation"
    assert "Try again" not in passed


def test_the_last_failed_attempt_ends_with_the_contact_line(client, activity_with_optional_module, doc):
    Enrollment.objects.create(member=doc, course=activity_with_optional_module)
    for slug in ("m1", "m2"):
        complete_module(doc, module(activity_with_optional_module, slug), activity_with_optional_module)
    for _ in range(2):
        pass_post_test(doc, activity_with_optional_module, correct=False)
    html = result_html(client, doc, activity_with_optional_module, correct=False)
    assert "Try again" not in html
    assert 'class="contact-line">You have no attempts left. Contact the CME office at <a href="mailto:' in html


def test_progress_counts_steps_done_and_the_outline_ticks_them(client, activity_with_optional_module, doc):
    Enrollment.objects.create(member=doc, course=activity_with_optional_module)
    complete_module(
        doc, module(activity_with_optional_module, "m2"), activity_with_optional_module
    )  # out of order: progress is completion, not position
    html = client.get(activity_with_optional_module.url).content.decode()
    assert "1 of 4 steps done" in html  # two required modules, the post-test, the evaluation
    assert '<progress class="progress" max="4" value="1"' in html
    outline = html[html.index('class="learner-outline"') :]
    outline = outline[: outline.index("</ol>")]
    ticks = re.findall(
        r'<li class="(done)?"><span class="tick" aria-hidden="true">(.)</span> <a [^>]+>([^<]+)</a>', outline
    )
    assert [(tick, label) for _, tick, label in ticks] == [
        ("○", "Module 1: Module one"),
        ("✓", "Module 2: Module two"),
        ("○", "Module 3: Optional extra"),
        ("○", "Post-test"),
        ("○", "Evaluation"),
    ]
    pass_post_test(doc, activity_with_optional_module)
    assert "2 of 4 steps done" in client.get(activity_with_optional_module.url).content.decode()


def test_next_steps_for_many_activities_take_the_same_queries_as_for_one(
    activity_with_optional_module, doc, django_assert_max_num_queries
):
    from lms.services.next_step import next_steps
    from tests.factories import make_course, make_module

    catalog = activity_with_optional_module.get_parent()
    courses = [CoursePage.objects.get(pk=activity_with_optional_module.pk)]
    Enrollment.objects.create(member=doc, course=activity_with_optional_module)
    with django_assert_max_num_queries(9):
        next_steps(doc, courses)
    for index in range(10):
        extra = make_course(catalog, slug=f"more-{index}")
        make_module(extra, slug="only")
        Enrollment.objects.create(member=doc, course=extra)
        courses.append(extra)
    with django_assert_max_num_queries(9):
        steps = next_steps(doc, courses)
    assert {step.label for pk, step in steps.items() if pk != activity_with_optional_module.pk} == {"Start module 1"}
