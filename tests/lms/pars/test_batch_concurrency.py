"""Two coordinators download "new since the last batch" at the same moment: each learner is in one
batch only, because a batch is planned and written under the activity's settings lock."""

import threading

import pytest
from django.db import connection

from content.refusals import Refused
from lms.models import ExportMode, FileFormat, ParsBatchRow
from lms.services.pars_batches import record_batch
from lms.services.roles import SOCIETY_ADMINS
from tests.factories import user_in

from .conftest import complete, learner

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NPIS = ["1234567893", "1245319599", "1003000126", "1003000134", "1003000142", "1003000159"]


def test_simultaneous_new_batches_never_send_a_learner_twice(reporting, course):
    for number, npi in enumerate(NPIS):
        complete(learner(last_name=f"Learner{number}", npi=npi), course, cme="1.00")
    coordinators = [user_in(SOCIETY_ADMINS, f"coordinator{n}") for n in range(4)]
    start, outcomes = threading.Barrier(len(coordinators)), []

    def download(user):
        try:
            start.wait()
            outcomes.append(len(record_batch(course, user, ExportMode.NEW, FileFormat.TAB)[1]))
        except Refused:
            outcomes.append(0)
        finally:
            connection.close()

    threads = [threading.Thread(target=download, args=(user,)) for user in coordinators]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [0, 0, 0, len(NPIS)]
    sent = list(ParsBatchRow.objects.values_list("completion_id", flat=True))
    assert len(sent) == len(set(sent)) == len(NPIS)
