"""Existing quizzes become live with a first revision; the old feedback policies map onto the new set;
open attempts keep the scoring rule of their quiz."""

from django.db import migrations

from content.revisions import forget_revisions, publish_existing

# A post-test that showed everything after each attempt gets the post-test default instead: showing
# the key to a learner who may try again is what the new policies refuse on a post-test.
FORWARDS = [
    ({"feedback_policy": "after_each", "role": "post_test"}, "wrong_then_key"),
    ({"feedback_policy": "after_each"}, "everything"),
    ({"feedback_policy": "after_passing"}, "key_after_passing"),
    ({"feedback_policy": "never"}, "score"),
]
BACKWARDS = {
    "everything": "after_each", "wrong_then_key": "after_each",
    "key_after_passing": "after_passing", "key_when_no_attempts_left": "after_passing",
    "score": "never", "nothing": "never", "wrong_answers": "never",
}


def forwards(apps, schema_editor):
    quiz_model = apps.get_model("quizzes", "Quiz")
    attempt_model = apps.get_model("quizzes", "Attempt")
    for match, policy in FORWARDS:
        quiz_model.objects.filter(**match).update(feedback_policy=policy)
    attempt_model.objects.filter(quiz__multiple_response_scoring="partial").update(partial_credit=True)
    publish_existing(apps, "quizzes", "quiz", children=["questions"], describe=lambda quiz: quiz.title)


def backwards(apps, schema_editor):
    quiz_model = apps.get_model("quizzes", "Quiz")
    for new, old in BACKWARDS.items():
        quiz_model.objects.filter(feedback_policy=new).update(feedback_policy=old)
    apps.get_model("quizzes", "Attempt").objects.update(quiz_revision=None)
    forget_revisions(apps, "quizzes", "quiz")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("quizzes", "0003_quiz_drafts_review_and_attempt_version"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
