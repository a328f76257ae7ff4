"""One learner's lock: the writes that change what a learner has earned take it first.

Starting and submitting attempts (quizzes), completing modules and activities, evaluating,
skipping the pre-test, claiming credit, recording a completion by hand and revoking a certificate
(lms) all decide on the learner's records as they stand and then change them. Two such writes for
the same learner must not both decide on the same state, so each takes this lock; other learners
are not held up.

The lock is the account (auth user) row, not the member row: quizzes start and grade attempts for
a user and may not know the member (lms sits above them), and one lock for every entry point is
what makes them serialize with each other. Lock order: the learner first, then any other row
(an attempt, a certificate), so two writes never wait on each other in opposite order.

A lock taken to change the member row's own fields (its profile, its e-mail) is a different one;
where such a change also writes the account row, it takes the learner's lock before the member's.
"""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet


def lock_learner(user):
    """Hold the learner's lock until the transaction ends; call it inside one. `user` is an account,
    its pk, or a query of the pk (`.values("user_id")`) when the caller knows only the member.

    Only the key is read: the caller has the account in hand or reads it under the lock."""
    learner = user if isinstance(user, QuerySet) else [getattr(user, "pk", user)]
    list(get_user_model().objects.select_for_update().filter(pk__in=learner).values_list("pk", flat=True))
