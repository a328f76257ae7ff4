from .attempt import Answer, Attempt, AttemptStatus
from .quiz import FeedbackPolicy, MultipleResponseScoring, Question, Quiz, QuizRole

__all__ = ["Answer", "Attempt", "AttemptStatus", "FeedbackPolicy", "MultipleResponseScoring", "Question", "Quiz", "QuizRole"]
