from .snippets import Board, CreditType, FinancialRelationship, Person, Track  # noqa: I001  (pages need these first)
from .choices import Degree
from .pages import (
    CoursePage,
    CreditDesignation,
    LearningFormat,
    ModulePage,
)
from .catalog import CourseCatalogPage
from .faculty import CourseFaculty, FacultyRole
from .activity_disclosure import (
    CommercialSupport,
    MitigationMethod,
    PublishedDisclosures,
    RelationshipMitigation,
    SupportKind,
)
from .curriculum import LoadedCurriculumPage
from .moc import MocDesignation
from .acpe import AcpeActivity, AcpeActivityType, ParticipantType
from .statements import CMEStatementSettings

__all__ = [
    "AcpeActivity",
    "AcpeActivityType",
    "ParticipantType",
    "Board",
    "MocDesignation",
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
    "Degree",
    "FacultyRole",
    "FinancialRelationship",
    "LearningFormat",
    "LoadedCurriculumPage",
    "ModulePage",
    "Person",
    "Track",
]
