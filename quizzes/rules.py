"""Authoring rules for questions and quizzes, shared by the admin form and the curriculum loader."""

from django.db import models


class QuestionKind(models.TextChoices):
    """How a question is answered: the one vocabulary of the model, the importers, grading and the API."""

    SINGLE = "single", "Single best answer"
    MULTIPLE = "multiple", "Select all that apply"
    TRUE_FALSE = "true_false", "True / false"


def question_problems(kind, choices):
    """Messages describing what is wrong with one question; `choices` is a list of (text, correct)."""
    correct = sum(1 for _, is_correct in choices if is_correct)
    problems = []
    if len(choices) < 2:
        problems.append("Give at least two choices.")
    if any(not (text or "").strip() for text, _ in choices):
        problems.append("Every choice needs text.")
    if correct == 0:
        problems.append("Mark the correct choice: this question has none.")
    if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE) and correct > 1:
        problems.append(
            f"A {'true/false' if kind == QuestionKind.TRUE_FALSE else 'single-best-answer'} question has exactly "
            f"one correct choice; {correct} are marked."
        )
    if kind == QuestionKind.TRUE_FALSE and len(choices) != 2:
        problems.append("A true/false question has exactly two choices.")
    return problems


def quiz_problems(question_count, bank_size, drawn=0):
    """`bank_size` counts the quiz's own questions, `drawn` the items its draws take from shared banks."""
    if question_count and question_count > bank_size:
        return [f"The quiz draws {question_count} questions but its bank holds only {bank_size}."]
    if bank_size == 0 and drawn == 0:
        return ["Add at least one question, or draw items from a question bank."]
    return []
