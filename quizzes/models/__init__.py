from ..rules import QuestionKind
from .attempt import Answer, Attempt, AttemptStatus
from .bank import BankRole, QuestionBank, QuizDraw
from .grant import AttemptGrant
from .quiz import FeedbackPolicy, MultipleResponseScoring, Question, Quiz, QuizRole

__all__ = [
    "Answer",
    "Attempt",
    "AttemptGrant",
    "AttemptStatus",
    "BankRole",
    "FeedbackPolicy",
    "MultipleResponseScoring",
    "Question",
    "QuestionBank",
    "QuestionKind",
    "Quiz",
    "QuizDraw",
    "QuizRole",
]
