"""What replaces the progress cache's member tokens (lms/services/progress_cache.py): every save
and delete of a row that progress shows. (Quizzes replace the published content's token
themselves: quizzes/apps.py.)"""

from django.db.models.signals import post_delete, post_save

from content.caching import change_tokens
from quizzes.models import Attempt

from .models import Certificate, Completion, CreditClaim, Enrollment, Evaluation, Member, ModuleProgress
from .services.progress_cache import member_changed

OWN_ROWS = (Enrollment, ModuleProgress, Evaluation, Completion)
ATTEMPT_USER = Attempt._meta.get_field("user")
USER_MEMBER = Member._meta.get_field("user").remote_field
COMPLETION_ROWS = (CreditClaim, Certificate)


def member_row_changed(sender, instance, **kwargs):
    member_changed(instance.member_id)


def completion_row_changed(sender, instance, **kwargs):
    if not change_tokens.shared():  # nothing is stored: spare the quiz and claim paths the query
        return
    member_changed(*Completion.objects.filter(pk=instance.completion_id).values_list("member_id", flat=True))


def attempt_changed(sender, instance, **kwargs):
    if not change_tokens.shared():
        return
    member_changed(*_members_of_learner(instance))


def _members_of_learner(attempt):
    # The quiz services hand attempts their learner, whose member the request has usually read
    # already: no query then.
    if ATTEMPT_USER.is_cached(attempt) and USER_MEMBER.is_cached(attempt.user):
        member = USER_MEMBER.get_cached_value(attempt.user)
        return [member.pk] if member is not None else []
    return Member.objects.filter(user_id=attempt.user_id).values_list("pk", flat=True)


def member_saved(sender, instance, **kwargs):
    member_changed(instance.pk)


def connect(handler, models):
    for model in models:
        name = f"progress-{handler.__name__}-{model.__name__}"
        post_save.connect(handler, sender=model, dispatch_uid=f"{name}-save")
        post_delete.connect(handler, sender=model, dispatch_uid=f"{name}-delete")


connect(member_row_changed, OWN_ROWS)
connect(completion_row_changed, COMPLETION_ROWS)
connect(attempt_changed, [Attempt])
connect(member_saved, [Member])
