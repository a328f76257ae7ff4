"""The question bank import screen in a browser: a file with a bad question lists it by line, a good
one is previewed and created in a draft on confirmation; both screens pass axe."""

import pytest

from lms.services.roles import SOCIETY_ADMINS
from quizzes.models import QuestionBank
from tests.factories import user_in

from .accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

GIFT = """::dose::Which starting dose? {=2.5 mg ~10 mg ~20 mg ####Start low.}

::tf::Opioids are first-line. {F ####They are not.}
"""


@pytest.fixture
def import_page(live_server, browser):
    user_in(SOCIETY_ADMINS, "coordinator")
    bank = QuestionBank.objects.create(name="Pain items")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "coordinator")
    page.fill("#id_password", "correct horse battery")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    page.goto(f"{live_server.url}/admin/snippets/cme_quizzes/questionbank/edit/{bank.pk}/")
    page.click("text=Import questions (GIFT or CSV)")
    page.wait_for_selector("input[type=file]")
    return page, bank


def test_a_bad_question_is_listed_by_line_and_a_good_file_is_created_on_confirmation(import_page, tmp_path, shots):
    page, bank = import_page
    bad = tmp_path / "bad.txt"
    bad.write_text(GIFT + "\n::broken::No answers here\n")
    page.check("input[value=gift]")
    page.set_input_files("input[type=file]", str(bad))
    page.click("button:has-text('Preview the import')")
    page.wait_for_selector("[data-import-problems]")
    assert "Line 5: The question has no answers" in page.inner_text("[data-import-problems]")
    assert page.locator("button:has-text('Create')").count() == 0
    assert serious_violations(page) == []
    shots(page, "problems")

    good = tmp_path / "good.txt"
    good.write_text(GIFT)
    page.check("input[value=gift]")
    page.set_input_files("input[type=file]", str(good))
    page.click("button:has-text('Preview the import')")
    preview = page.locator("[data-import-preview]")
    preview.wait_for()
    assert "✓ 2.5 mg" in preview.inner_text() and "✓ False" in preview.inner_text()
    assert serious_violations(page) == []
    shots(page, "preview")
    assert bank.questions.count() == 0

    page.click("button:has-text('Create 2 questions')")
    page.wait_for_selector("text=2 questions imported into Pain items as a draft")
    draft = QuestionBank.objects.get(pk=bank.pk).get_latest_revision_as_object()
    assert [question.key for question in draft.questions.all()] == ["dose", "tf"]
    assert bank.questions.count() == 0
    shots(page, "created")
