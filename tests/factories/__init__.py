from .courses import (
    CatalogFactory,
    CourseFactory,
    ModuleFactory,
    PersonFactory,
    make_catalog,
    make_course,
    make_module,
    make_person,
)
from .lms import EnrollmentFactory, MemberFactory, UserFactory, enrolled_learner, user_in
from .quizzes import QuestionBankFactory, QuestionFactory, QuizFactory, choices, make_bank, make_quiz
from .site import make_home

__all__ = [
    "CatalogFactory",
    "CourseFactory",
    "EnrollmentFactory",
    "MemberFactory",
    "ModuleFactory",
    "PersonFactory",
    "QuestionBankFactory",
    "QuestionFactory",
    "QuizFactory",
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
