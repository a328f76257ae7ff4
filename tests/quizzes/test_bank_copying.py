"""Copying a bank: the same items under a new bank, objectives mapped to the copy's activity, logged."""

from wagtail.models import ModelLogEntry

from quizzes.banks.copying import copy_bank
from quizzes.models import QuestionBank
from tests.factories import make_bank


def facts(bank):
    return [
        (q.key, q.kind, q.stem, q.choice_pairs(), q.correct_choice_ids(), q.rationale, q.objectives)
        for q in bank.questions.order_by("sort_order")
    ]


def test_a_copy_holds_the_same_items_and_leaves_the_source_alone(bare_activity):
    source = make_bank("Pain items", course=bare_activity, role="post_test", objectives=["obj-1", "obj-gone"])
    before = facts(source)
    copy = copy_bank(source, name="Pain items 2027", objective_ids={"obj-1": "new-1"})
    assert (copy.name, copy.course_id, copy.role) == ("Pain items 2027", bare_activity.pk, "post_test")
    assert [row[:6] for row in facts(copy)] == [row[:6] for row in before]
    assert {tuple(row[6]) for row in facts(copy)} == {("new-1",)}
    assert facts(source) == before
    assert set(copy.questions.values_list("pk", flat=True)).isdisjoint(source.questions.values_list("pk", flat=True))
    entry = ModelLogEntry.objects.get(action="wagtail.copy", object_id=str(copy.pk))
    assert entry.data == {"source": {"id": source.pk, "title": "Pain items"}}
    assert copy.revisions.count() == 1
    copy.refresh_from_db()
    assert copy.live and not copy.has_unpublished_changes and copy.live_revision_id == copy.latest_revision_id


def test_a_copy_holds_the_published_items_not_a_waiting_draft(bare_activity):
    source = make_bank("Pain items", course=bare_activity)
    draft = source.get_latest_revision_as_object()
    draft.questions = []
    draft.save_revision()
    copy = copy_bank(QuestionBank.objects.get(pk=source.pk))
    assert facts(copy) == facts(QuestionBank.objects.get(pk=source.pk)) != []
