from .attempt import Answer, Attempt, AttemptStatus
from .grant import AttemptGrant
from .quiz import FeedbackPolicy, MultipleResponseScoring, Question, Quiz, QuizRole

__all__ = [
    "Answer",
    "Attempt",
    "AttemptGrant",
    "AttemptStatus",
    "FeedbackPolicy",
    "MultipleResponseScoring",
    "Question",
    "Quiz",
    "QuizRole",
]
