from .courses import make_catalog, make_course, make_module, make_person
from .lms import MemberFactory, UserFactory, make_home

__all__ = ["MemberFactory", "UserFactory", "make_catalog", "make_course", "make_home", "make_module", "make_person"]
