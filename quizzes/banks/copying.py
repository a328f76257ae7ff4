"""Copying a question bank, e.g. with an activity copied as a template: the published items come along
whole, with their keys (the same items), under a new published bank of their own."""

from django.db import transaction
from wagtail.log_actions import log

from ..models import Question, QuestionBank


def copy_bank(bank, user=None, name=None, course=None, objective_ids=None):
    """A new bank holding copies of `bank`'s items, in order. `course` is the copy's activity (the
    source's when not given); `objective_ids` maps the source activity's objective ids to the copy's,
    and tags without a counterpart are dropped, as the editor would drop them."""
    with transaction.atomic():
        copy = QuestionBank.objects.create(
            name=name or f"{bank.name} (copy)", course=course or bank.course, role=bank.role
        )
        Question.objects.bulk_create(
            Question(
                bank=copy,
                key=question.key,
                sort_order=question.sort_order,
                kind=question.kind,
                stem=question.stem,
                choices=question.choices.raw_data,
                rationale=question.rationale,
                reference=question.reference,
                objectives=_objectives(question.objectives, objective_ids),
            )
            for question in bank.questions.order_by("sort_order", "pk")
        )
        # The copy holds the source's published items, so it is published as it is made, without the
        # publish permission the copier (an editor starting from a template) may lack: the copied
        # activity's tests draw from it as the source's draw from the source.
        copy.save_revision(user=user, log_action=False).publish(
            user=user, log_action=False, skip_permission_checks=True
        )
        log(instance=copy, action="wagtail.copy", user=user, data={"source": {"id": bank.pk, "title": bank.name}})
    return copy


def _objectives(tags, objective_ids):
    if objective_ids is None:
        return list(tags or [])
    return [objective_ids[tag] for tag in tags or [] if tag in objective_ids]
