"""Two coordinators download "new since the last batch" at the same moment: each learner is in one
batch only, because a batch is planned and written under the activity's settings lock."""

import pytest

from content.refusals import Refused
from lms.models import ExportMode, FileFormat, ParsBatchRow
from lms.services.pars_batches import record_batch
from lms.services.roles import SOCIETY_ADMINS
from tests.factories import user_in
from tests.support.threads import run_at_once

from .conftest import complete, learner

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NPIS = ["1234567893", "1245319599", "1003000126", "1003000134", "1003000142", "1003000159"]


def test_simultaneous_new_batches_never_send_a_learner_twice(reporting, activity_with_board_moc):
    for number, npi in enumerate(NPIS):
        complete(learner(last_name=f"Learner{number}", npi=npi), activity_with_board_moc, cme="1.00")
    coordinators = [user_in(SOCIETY_ADMINS, f"coordinator{n}") for n in range(4)]

    def download(user):
        try:
            return len(record_batch(activity_with_board_moc, user, ExportMode.NEW, FileFormat.TAB)[1])
        except Refused:
            return 0

    outcome = run_at_once([lambda user=user: download(user) for user in coordinators])
    assert outcome.errors == []
    outcomes = outcome.results
    assert sorted(outcomes) == [0, 0, 0, len(NPIS)]
    sent = list(ParsBatchRow.objects.values_list("completion_id", flat=True))
    assert len(sent) == len(set(sent)) == len(NPIS)
