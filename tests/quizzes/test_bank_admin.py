"""The bank's admin screens: import with a preview then a confirmation, downloads, and who may use them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from quizzes.banks.exporting import EXPORT_ACTION
from quizzes.banks.importing import IMPORT_ACTION
from quizzes.models import Question, QuestionBank
from tests.factories import make_bank, user_in
from tests.quizzes.test_quiz_admin import admin_client  # noqa: F401

IMPORT = "wagtailsnippets_cme_quizzes_questionbank:import_questions"
EXPORT = "wagtailsnippets_cme_quizzes_questionbank:export_questions"
EDIT = "wagtailsnippets_cme_quizzes_questionbank:edit"

GIFT = """::dose::Which starting dose? {=2.5 mg ~10 mg ~20 mg ####Start low.}

::tf::Opioids are first-line. {F ####They are not.}
"""


@pytest.fixture
def bank(bare_activity):
    return QuestionBank.objects.create(name="Imported items", course=bare_activity)


def upload(client, bank, text, file_format="gift", name="items.txt"):
    return client.post(
        reverse(IMPORT, args=[bank.pk]),
        {"file_format": file_format, "file": SimpleUploadedFile(name, text.encode("utf-8"))},
    )


def test_the_bank_editor_links_to_import_and_export(admin_client, bank):  # noqa: F811
    page = admin_client.get(reverse(EDIT, args=[bank.pk])).content.decode()
    assert reverse(IMPORT, args=[bank.pk]) in page
    assert reverse(EXPORT, args=[bank.pk, "gift"]) in page and reverse(EXPORT, args=[bank.pk, "csv"]) in page


def test_the_preview_shows_what_will_be_created_and_creates_nothing(admin_client, bank):  # noqa: F811
    response = upload(admin_client, bank, GIFT)
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 questions to be created" in page
    assert "Which starting dose?" in page and "✓ 2.5 mg" in page and "✓ False" in page
    assert "Create 2 questions" in page
    assert bank.questions.count() == 0
    assert not ModelLogEntry.objects.filter(action=IMPORT_ACTION).exists()


def confirm_import(client, bank, text):
    preview = upload(client, bank, text)
    confirm = preview.context["confirm"]
    data = {name: confirm[name].value() for name in confirm.fields}
    return client.post(reverse(IMPORT, args=[bank.pk]), {**data, "confirm": "1"})


def test_confirming_the_preview_creates_every_question_in_a_draft(admin_client, bank):  # noqa: F811
    response = confirm_import(admin_client, bank, GIFT)
    assert response.status_code == 302 and response.url == reverse(EDIT, args=[bank.pk])
    bank.refresh_from_db()
    draft = bank.get_latest_revision_as_object()
    assert [(q.key, q.kind) for q in draft.questions.all()] == [("dose", "single"), ("tf", "true_false")]
    assert bank.has_unpublished_changes and bank.questions.count() == 0
    entry = ModelLogEntry.objects.get(action=IMPORT_ACTION)
    assert entry.data == {"format": "GIFT", "filename": "items.txt", "questions": 2}


def test_a_file_with_a_bad_question_lists_it_by_line_and_offers_no_confirmation(admin_client, bank):  # noqa: F811
    response = upload(admin_client, bank, GIFT + "\n::bad::No answers here\n")
    page = response.content.decode()
    assert "Line 5: The question has no answers" in page
    assert "Create 2 questions" not in page
    assert bank.questions.count() == 0


def test_a_bad_csv_row_is_listed_by_line(admin_client, bank):  # noqa: F811
    text = "kind,stem,choice_1,choice_2,correct,rationale\nsingle,Fine?,y,n,1,Yes.\nsingle,Bad?,y,n,,No.\n"
    page = upload(admin_client, bank, text, file_format="csv", name="items.csv").content.decode()
    assert "Line 3: correct is" in page
    assert bank.questions.count() == 0


def test_a_confirmation_that_no_longer_holds_creates_nothing(admin_client, bank):  # noqa: F811
    preview = upload(admin_client, bank, GIFT)
    confirm = preview.context["confirm"]
    data = {name: confirm[name].value() for name in confirm.fields}
    Question.objects.create(bank=bank, key="dose", kind="single", stem="<p>Taken</p>", choices=[], rationale="r")
    response = admin_client.post(reverse(IMPORT, args=[bank.pk]), {**data, "confirm": "1"})
    assert response.status_code == 200
    assert "Nothing was imported" in response.content.decode()
    assert list(bank.questions.values_list("key", flat=True)) == ["dose"]


def test_a_file_that_is_not_utf8_is_refused(admin_client, bank):  # noqa: F811
    response = admin_client.post(
        reverse(IMPORT, args=[bank.pk]),
        {"file_format": "gift", "file": SimpleUploadedFile("items.txt", "Quelle dose? {=½ ~1}".encode("utf-16"))},
    )
    assert "The file is not UTF-8 text" in response.content.decode()


def test_a_bank_downloads_as_gift_and_csv_and_the_download_is_logged(admin_client, bare_activity):  # noqa: F811
    bank = make_bank("Pain items", course=bare_activity)
    gift = admin_client.get(reverse(EXPORT, args=[bank.pk, "gift"]))
    assert gift["Content-Disposition"] == 'attachment; filename="pain-items.gift.txt"'
    assert "::pain-items-1::[html]<p>Pain items item 1</p> {~a =b ####Because 1}" in gift.content.decode()
    csv = admin_client.get(reverse(EXPORT, args=[bank.pk, "csv"]))
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert csv.content.decode("utf-8-sig").splitlines()[0].startswith("key,kind,stem,choice_1,choice_2,choice_3")
    assert list(
        ModelLogEntry.objects.filter(action=EXPORT_ACTION).order_by("pk").values_list("data__format", flat=True)
    ) == [
        "gift",
        "csv",
    ]


def test_an_unknown_download_format_is_not_found(admin_client, bank):  # noqa: F811
    url = reverse(EXPORT, args=[bank.pk, "gift"]).replace("/gift/", "/xml/")
    assert admin_client.get(url).status_code == 404


def test_society_admins_import_and_download(client, bank):
    client.force_login(user_in("Society admins", "coordinator"))
    assert "Create 2 questions" in upload(client, bank, GIFT).content.decode()
    assert client.get(reverse(EXPORT, args=[bank.pk, "csv"])).status_code == 200


def test_editors_may_neither_import_nor_download(client, bank):
    # Only the reviewers move a whole bank, with its key, in or out.
    client.force_login(user_in("Editors", "editor"))
    home = reverse("wagtailadmin_home")
    assert upload(client, bank, GIFT).url == home
    assert client.get(reverse(EXPORT, args=[bank.pk, "gift"])).url == home
    assert bank.questions.count() == 0
    assert not ModelLogEntry.objects.filter(action__in=[IMPORT_ACTION, EXPORT_ACTION]).exists()
