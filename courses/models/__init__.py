from .snippets import CreditType, FinancialRelationship, Person, Track  # noqa: I001  (pages need these first)
from .pages import (
    CourseCatalogPage,
    CourseFaculty,
    CoursePage,
    CreditDesignation,
    FacultyRole,
    LearningFormat,
    ModulePage,
)
from .activity_disclosure import (
    CommercialSupport,
    MitigationMethod,
    PublishedDisclosures,
    RelationshipMitigation,
    SupportKind,
)
from .curriculum import LoadedCurriculumPage
from .statements import CMEStatementSettings

__all__ = [
    "CommercialSupport",
    "MitigationMethod",
    "PublishedDisclosures",
    "RelationshipMitigation",
    "SupportKind",
    "CMEStatementSettings",
    "CourseCatalogPage",
    "CourseFaculty",
    "CoursePage",
    "CreditDesignation",
    "CreditType",
    "FacultyRole",
    "FinancialRelationship",
    "LearningFormat",
    "LoadedCurriculumPage",
    "ModulePage",
    "Person",
    "Track",
]
