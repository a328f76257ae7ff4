"""A copied activity brings its tests: each pre-test, post-test and knowledge check is copied, in
its latest version, as a draft attached to the copy (the copy's own review publishes it). The banks
kept for the activity are copied for the copy, and its tests draw from those; a bank shared by
activities stays shared."""

from .banks.copying import copy_bank
from .models import QuestionBank, Quiz

# What belongs to the original quiz's life, not to its content.
NOT_COPIED = [
    "id",
    "course",
    "module",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "latest_revision",
    "go_live_at",
    "expire_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
    "curriculum_fingerprint",
    "curriculum_loaded_at",
    "updated_at",
    "_revisions",
    "workflow_states",
    "_workflow_states",
    "index_entries",
]


def copy_quiz(quiz, user=None, banks=None, **attached):
    """A draft copy of `quiz` attached as `attached` says; its draws take from `banks`' copies ({pk: bank})."""
    source = quiz.get_latest_revision_as_object() if quiz.latest_revision_id else quiz
    copy, _ = source.copy_cluster(exclude_fields=NOT_COPIED)
    for name, value in attached.items():
        setattr(copy, name, value)
    for draw in copy.draws.all():
        if draw.bank_id in (banks or {}):
            draw.bank = banks[draw.bank_id]
    copy.live = False
    copy.save()
    copy.save_revision(user=user, log_action=True)
    return copy


def copy_tests(activity, copy, modules, user):
    """Registered on cme_activity_copied: runs in the copy's transaction."""
    banks = {
        bank.pk: copy_bank(bank, user, name=f"{bank.name} ({copy.title})", course=copy)
        for bank in QuestionBank.objects.filter(course=activity)
    }
    for quiz in Quiz.objects.filter(course=activity):
        copy_quiz(quiz, user, banks, course=copy)
    for quiz in Quiz.objects.filter(module__in=list(modules)):
        copy_quiz(quiz, user, banks, module=modules[quiz.module_id])
