from django.db import IntegrityError, transaction

from content.refusals import Refused
from content.sanitizer import sanitize_text

from ..models import Evaluation
from .access import ensure_may_progress
from .completion import check_completion, member_under_lock


def submit_evaluation(member, course, answers):
    """Store the learner's evaluation once (free text sanitized) and check completion.

    `answers` is the cleaned data of EvaluationForm. Refused, with nothing written, unless the
    learner may take a step in the activity (services/access.py).
    """
    objective_ids = {block.id for block in course.learning_objectives}
    ratings = {key: int(value) for key, value in answers["objective_ratings"].items() if key in objective_ids}
    try:
        with transaction.atomic():
            ensure_may_progress(member_under_lock(member), course)
            if set(ratings) != objective_ids:
                raise Refused("Rate every learning objective.", field="objective_ratings")
            evaluation = Evaluation.objects.create(
                member=member,
                course=course,
                objective_ratings=ratings,
                relevance=answers["relevance"],
                practice_change=answers["practice_change"],
                commitment_to_change=sanitize_text(answers.get("commitment_to_change", "")),
                free_of_commercial_bias=answers["free_of_commercial_bias"],
                bias_comment=sanitize_text(answers.get("bias_comment", "")),
                overall_quality=answers["overall_quality"],
                comments=sanitize_text(answers.get("comments", "")),
            )
    except IntegrityError:
        raise Refused("You have already evaluated this activity; thank you.") from None
    check_completion(member, course)
    return evaluation
