from django.db import transaction

from ..models import Enrollment
from .access import ensure_may_take


@transaction.atomic
def enrol(member, course):
    """Enrol once; enrolling again returns the existing enrollment."""
    ensure_may_take(member, course)
    enrollment, _ = Enrollment.objects.get_or_create(member=member, course=course)
    return enrollment
