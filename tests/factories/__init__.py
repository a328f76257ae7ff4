from .courses import make_catalog, make_course, make_module, make_person
from .lms import MemberFactory, UserFactory, enrolled_learner, make_home, user_in
from .quizzes import choices, make_bank, make_quiz

__all__ = [
    "MemberFactory",
    "UserFactory",
    "choices",
    "enrolled_learner",
    "make_bank",
    "make_catalog",
    "make_course",
    "make_home",
    "make_module",
    "make_person",
    "make_quiz",
    "user_in",
]
