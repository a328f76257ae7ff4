"""Completion exactly once when the final events race, on PostgreSQL with real threads."""

import pytest

from courses.models import ModulePage
from lms.models import Completion, ModuleProgress
from lms.services.completion import check_completion
from lms.services.progress import complete_module
from tests.factories import MemberFactory, make_catalog, make_course, make_home, make_module
from tests.support.threads import run_times

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_fifty_threads_completing_the_last_module_record_one_completion():
    course = make_course(
        make_catalog(make_home()), completion_requires_post_test=False, completion_requires_evaluation=False
    )
    last = make_module(course, slug="last")
    member = MemberFactory(user__username="racer")
    from lms.models import Enrollment

    Enrollment.objects.create(member=member, course=course)

    def worker(index):
        if index % 2:
            complete_module(member, ModulePage.objects.get(pk=last.pk), course)
        else:
            check_completion(member, course)

    assert run_times(50, worker).errors == []
    assert Completion.objects.filter(member=member, course=course).count() == 1
    assert ModuleProgress.objects.filter(member=member, module=last).count() == 1
