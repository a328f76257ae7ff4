"""The world of the credit rules' tests: an activity with AMA credit and ABIM and ABP MOC, a
physician and a PA who completed it, and the helpers they share."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from courses.models import Board, CreditType, MocDesignation, ModulePage
from lms.services.boards import save_board_certification
from lms.services.evaluation import submit_evaluation
from lms.services.progress import complete_module
from tests.factories import EnrollmentFactory
from tests.lms.conftest import evaluation_answers, pass_post_test

ABIM_STATEMENT = (
    "Successful completion of this CME activity enables the participant to earn up to 0.75 ABIM MOC points."
)
ABP_STATEMENT = "Successful completion of this CME activity enables the learner to earn up to 0.75 ABP MOC points."


def finish(member, course):
    for module in ModulePage.objects.child_of(course).filter(required=True):
        complete_module(member, module, course)
    pass_post_test(member, course)
    submit_evaluation(member, course, evaluation_answers(course))


@pytest.fixture
def ama():
    return CreditType.objects.get(code=CreditType.AMA_PRA_CATEGORY_1)


@pytest.fixture
def boards(activity_with_optional_module):
    abim, abp = Board.objects.get(code="ABIM"), Board.objects.get(code="ABP")
    for board, statement in ((abim, ABIM_STATEMENT), (abp, ABP_STATEMENT)):
        MocDesignation.objects.create(
            page=activity_with_optional_module,
            board=board,
            moc_type=f"{board.code} Part II",
            points=Decimal("0.75"),
            statement=statement,
        )
    return {"ABIM": abim, "ABP": abp}


@pytest.fixture
def physician(member, activity_with_optional_module):
    finish(member, activity_with_optional_module)
    return member


@pytest.fixture
def pa(activity_with_optional_module):
    member = EnrollmentFactory(
        course=activity_with_optional_module,
        member__user__username="pa",
        member__first_name="Pat",
        member__last_name="Assistant",
        member__degree="PA",
    ).member
    finish(member, activity_with_optional_module)
    return member


def certify(member, board, diplomate_id="123456", consent=True):
    return save_board_certification(member, board, diplomate_id, consent)


def pdf_text(certificate):
    with certificate.pdf.open("rb") as handle:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)
