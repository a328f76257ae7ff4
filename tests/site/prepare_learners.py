"""Run inside the site of tests/site/sqlite_site_settings.py after `load_curriculum`: learners with
passwords, a portal whose key imports members and whose webhook receives events, and the activity
they take; prints one JSON line for the test that runs it."""

import json
import sys

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from courses.models import CoursePage  # noqa: E402
from lms.models import Member, PortalAPIKey, PortalClient, Scope  # noqa: E402
from quizzes.models import QuizRole  # noqa: E402

LEARNERS, PASSWORD, WEBHOOK_URL = int(sys.argv[1]), sys.argv[2], sys.argv[3]

course = CoursePage.objects.live().get(slug="ipm-fundamentals")
usernames = []
for number in range(1, LEARNERS + 1):
    username = f"learner-{number}"
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
    Member.objects.create(
        user=user,
        email=user.email,
        member_id=f"LOAD-{number}",
        first_name="Load",
        last_name=f"Learner {number}",
        degree="MD",
        membership_status="active",
    )
    usernames.append(username)
portal = PortalClient.objects.create(
    name="Load portal", scopes=[scope.value for scope in Scope], webhook_url=WEBHOOK_URL, webhook_secret="s" * 32
)
_, key = PortalAPIKey.objects.create_key(name="Load portal key", client=portal)
designation = course.credit_designations.select_related("credit_type").first()
json.dump(
    {
        "usernames": usernames,
        "api_key": key,
        "course_id": course.pk,
        "module_ids": list(course.get_modules().filter(required=True).values_list("pk", flat=True)),
        "post_test_id": course.quizzes.get(role=QuizRole.POST_TEST).pk,
        "objective_ids": [block.id for block in course.learning_objectives],
        "credit_field": f"amount_{designation.credit_type.code}",
        "minutes": course.estimated_minutes,
    },
    sys.stdout,
)
