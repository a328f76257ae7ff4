"""Server-rendered quiz pages: intro, questions, result. They work without JavaScript.

Learners reach published quizzes only; a result shows what `quizzes.feedback` allows."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from content.refusals import Refused
from courses import hooks as cme_hooks
from courses.models import CMEStatementSettings
from courses.sections import page_sections

from .feedback import LEARNER_DESCRIPTIONS, attempt_feedback, shows_score
from .forms import AnswerForm
from .models import Attempt, AttemptStatus, Quiz
from .presentation import without_answer_key
from .services.attempts import (
    SubmissionRefused,
    is_past_deadline,
    learner_standing,
    start_attempt,
    submit_attempt,
)


def quiz_intro(request, quiz_id):
    quiz = get_object_or_404(Quiz.objects.live().select_related("course", "module"), pk=quiz_id)
    own = quiz.questions.count()
    from_banks = sum(quiz.draws.values_list("count", flat=True))
    context = {
        "quiz": quiz,
        "per_attempt": quiz.draw_size(own) + from_banks,
        "drawn_at_random": quiz.draw_size(own) < own or bool(from_banks),
        "feedback": LEARNER_DESCRIPTIONS[quiz.feedback_policy],
        "shows_score": shows_score(quiz.feedback_policy),
    }
    if request.user.is_authenticated:
        attempts = list(Attempt.objects.filter(quiz=quiz, user=request.user).order_by("number"))
        context.update(
            attempts=attempts,
            attempts_left=learner_standing(quiz, request.user).attempts_left,
            open_attempt=next((a for a in attempts if a.status == AttemptStatus.IN_PROGRESS), None),
        )
    return render(request, "quizzes/quiz_intro.html", context)


@require_POST
@login_required
def start(request, quiz_id):
    quiz = get_object_or_404(Quiz.objects.live(), pk=quiz_id)
    try:
        attempt = start_attempt(quiz, request.user)
    except Refused as refusal:
        messages.error(request, str(refusal))
        return redirect("quizzes:intro", quiz_id=quiz.pk)
    return redirect("quizzes:attempt", attempt_id=attempt.pk)


@login_required
def attempt_view(request, attempt_id):
    attempt = get_object_or_404(Attempt.objects.select_related("quiz"), pk=attempt_id, user=request.user)
    if attempt.is_submitted:
        return redirect("quizzes:result", attempt_id=attempt.pk)
    form = AnswerForm(attempt.presented, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                submit_attempt(attempt.pk, request.user, form.answers())
            except SubmissionRefused as refusal:
                form.refuse(refusal.problems)
            else:
                return redirect("quizzes:result", attempt_id=attempt.pk)
        elif is_past_deadline(attempt):
            # Nothing counts after the time limit, so incomplete answers need no correcting.
            submit_attempt(attempt.pk, request.user, {})
            return redirect("quizzes:result", attempt_id=attempt.pk)
    questions = [
        {"number": position, "question": question, "field": form[f"q{position}"]}
        for position, question in enumerate(without_answer_key(attempt.presented), start=1)
    ]
    return render(
        request,
        "quizzes/attempt_form.html",
        {"attempt": attempt, "quiz": attempt.quiz, "form": form, "questions": questions},
    )


@login_required
def result(request, attempt_id):
    attempt = get_object_or_404(Attempt.objects.select_related("quiz"), pk=attempt_id, user=request.user)
    if not attempt.is_submitted:
        return redirect("quizzes:attempt", attempt_id=attempt.pk)
    standing = learner_standing(attempt.quiz, request.user)
    feedback = attempt_feedback(attempt, standing)
    rows = [
        {
            "question": question,
            "choices": [
                {
                    "text": choice["text"],
                    "selected": choice["id"] in question.selected,
                    "correct": question.correct_choices is not None and choice["id"] in question.correct_choices,
                }
                for choice in question.choices
            ],
        }
        for question in feedback.questions
    ]
    return render(
        request,
        "quizzes/attempt_result.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "feedback": feedback,
            "rows": rows,
            "attempts_left": standing.attempts_left,
            "contact_email": CMEStatementSettings.for_request(request).contact_email,
            "next_steps": []
            if feedback.graded and not feedback.passed
            else page_sections(cme_hooks.QUIZ_RESULT_NEXT_STEP, attempt, request),
        },
    )
