"""The evaluation's rating grid and error summary, certificate verification by code, and credit
amounts written one way on every page."""

import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse

from content.numbers import credit_amount
from courses.models import CreditType, ModulePage
from lms.models import Certificate, Enrollment, Evaluation
from lms.services.credit import claim_credit
from lms.services.evaluation import submit_evaluation
from lms.services.progress import complete_module
from tests.factories import MemberFactory

from .conftest import evaluation_answers, pass_post_test


@pytest.fixture
def ready_to_evaluate(client, activity_with_optional_module, member):
    for module in ModulePage.objects.child_of(activity_with_optional_module).filter(required=True):
        complete_module(member, module, activity_with_optional_module)
    pass_post_test(member, activity_with_optional_module)
    client.force_login(member.user)
    return client


def test_objective_ratings_are_one_grid_with_a_radio_per_scale_point(ready_to_evaluate, activity_with_optional_module):
    html = ready_to_evaluate.get(reverse("lms:evaluation", args=[activity_with_optional_module.pk])).content.decode()
    grid = html[html.index('<fieldset class="rating-grid-fieldset">') :]
    grid = grid[: grid.index("</fieldset>")]
    assert "<legend>How far was each learning objective met?</legend>" in grid
    assert grid.count('<th scope="col">') == 1 + 5  # the objective, then five scale points
    objectives = list(activity_with_optional_module.learning_objectives)
    assert grid.count('<th scope="row"') == len(objectives)
    for number, block in enumerate(objectives, start=1):
        radios = re.findall(rf'<input type="radio" name="objective_{block.id}" value="(\d)"', grid)
        assert radios == ["5", "4", "3", "2", "1"]
        assert f'<span class="visually-hidden"> for objective {number}</span>' in grid
    # The other questions keep their own fieldsets, after the grid.
    assert html.index("rating-grid") < html.index("<legend>The content was relevant to my practice</legend>")


def test_errors_are_summarised_at_the_top_each_linked_to_its_field(
    ready_to_evaluate, activity_with_optional_module, member
):
    response = ready_to_evaluate.post(
        reverse("lms:evaluation", args=[activity_with_optional_module.pk]),
        {"free_of_commercial_bias": "no", "bias_comment": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Evaluation.objects.exists()
    assert "<title>Error: " in html
    summary = html[html.index('class="error-summary"') : html.index("</div>", html.index('class="error-summary"'))]
    assert html.index('class="error-summary"') < html.index('class="evaluation-form"')
    assert 'role="alert"' in summary and "There is a problem" in summary
    links = re.findall(r'<a href="#([^"]+)">', summary)
    block = next(iter(activity_with_optional_module.learning_objectives))
    assert links[0] == f"id_objective_{block.id}_0"
    assert {"id_relevance_0", "id_practice_change_0", "id_overall_quality_0", "id_bias_comment"} <= set(links)
    for target in links:
        assert f'id="{target}"' in html, f"the summary links to #{target}, which is on the page"
    assert "Tell us where you noticed bias" in summary
    assert "Rate how far objective 1 was met." in summary and "Rate the overall quality of the activity." in summary
    assert "This field is required" not in summary


def test_a_valid_grid_submission_records_every_rating(ready_to_evaluate, activity_with_optional_module, member):
    data = {f"objective_{block.id}": "4" for block in activity_with_optional_module.learning_objectives}
    data.update(relevance="5", practice_change="unsure", free_of_commercial_bias="yes", overall_quality="3")
    data.update(comments="More cases, please.")
    response = ready_to_evaluate.post(reverse("lms:evaluation", args=[activity_with_optional_module.pk]), data)
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(member=member)
    assert set(evaluation.objective_ratings.values()) == {4} and evaluation.comments == "More cases, please."


def test_verify_without_a_code_asks_for_one(client, db):
    response = client.get("/verify/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form method="get" action="/verify/"' in html and 'name="code"' in html
    assert "Check the certificate" in html


def test_the_form_leads_to_the_codes_page_forgiving_case_and_spaces(client, activity_with_optional_module, member):
    for module in ModulePage.objects.child_of(activity_with_optional_module).filter(required=True):
        complete_module(member, module, activity_with_optional_module)
    pass_post_test(member, activity_with_optional_module)
    submit_evaluation(member, activity_with_optional_module, evaluation_answers(activity_with_optional_module))
    claim_credit(
        member,
        activity_with_optional_module,
        45,
        {CreditType.objects.get(code="ama-pra-category-1"): Decimal("0.75")},
        True,
    )
    code = Certificate.objects.get().code
    response = client.get("/verify/", {"code": f"  {code.lower()} "})
    assert response.status_code == 302 and response["Location"] == f"/verify/{code}/"
    html = client.get(response["Location"]).content.decode()
    assert "Valid." in html and "0.75 AMA PRA Category 1 Credit™" in html


def test_an_unknown_code_is_a_kind_page_with_the_form_and_a_404(client, db):
    response = client.get("/verify/NOPE-NOPE-NOPE-NOPE/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "We could not find a certificate with the code <strong>NOPE-NOPE-NOPE-NOPE</strong>" in html
    assert 'value="NOPE-NOPE-NOPE-NOPE"' in html and "Check the certificate" in html


@pytest.mark.parametrize("typed, message", [("", "Enter the code"), ("ab/cd", "only letters, digits and dashes")])
def test_a_bad_code_is_a_form_error(client, db, typed, message):
    response = client.get("/verify/", {"code": typed})
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert 'class="error-summary"' in html and '<a href="#id_code">' in html


@pytest.mark.parametrize(
    "value, written",
    [(Decimal("0.5"), "0.50"), (Decimal("1.5"), "1.50"), (Decimal("0.75"), "0.75"), (2, "2.00"), ("1.5", "1.50")],
)
def test_credit_amounts_have_two_decimals(value, written):
    assert credit_amount(value) == written
    assert Template("{% load content_tags %}{{ value|credit }}").render(Context({"value": value})) == written
    assert credit_amount(None) == ""


def test_pages_write_sums_with_two_decimals(client, activity_with_optional_module):
    """SQLite sums 0.75 + 0.75 as 1.5: the dashboard and the transcript still say 1.50."""
    from tests.factories import make_course, make_module

    member = MemberFactory(user__username="twice")
    second = make_course(activity_with_optional_module.get_parent(), slug="second", credit="0.75")
    make_module(second, slug="only")
    for activity in (activity_with_optional_module, second):
        Enrollment.objects.create(member=member, course=activity)
        for module in ModulePage.objects.child_of(activity).filter(required=True):
            complete_module(member, module, activity)
        if activity is activity_with_optional_module:
            pass_post_test(member, activity)
        submit_evaluation(member, activity, evaluation_answers(activity))
        claim_credit(member, activity, 45, {CreditType.objects.get(code="ama-pra-category-1"): Decimal("0.75")}, True)
    client.force_login(member.user)
    assert "<strong>1.50</strong> AMA PRA Category 1 Credit™" in client.get(reverse("lms:dashboard")).content.decode()
    transcript = client.get(reverse("lms:transcript")).content.decode()
    assert "<strong>1.50</strong>" in transcript and '<td data-label="Credit">0.75 AMA PRA' in transcript
    csv = client.get(reverse("lms:transcript"), {"format": "csv"})
    assert csv.content.startswith(b"\xef\xbb\xbf") and ",0.75," in csv.content.decode("utf-8-sig")
