"""The requests a benchmark sends, prepared in the generated database: who asks for what."""

from django.db.models import Count
from django.test import Client

QUIZ_LEARNERS = 32
FEED_PAGE_SIZE = 50
FAR_FEED_PAGE = 5000
CSRF_SECRET = "b" * 32  # an unmasked CSRF secret, accepted as cookie and header alike


def session_of(user):
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def learner_headers(user):
    return {"Cookie": f"sessionid={session_of(user)}; csrftoken={CSRF_SECRET}", "X-CSRFToken": CSRF_SECRET}


def portal_headers():
    from lms.models import PortalAPIKey, PortalClient, Scope

    client, _ = PortalClient.objects.get_or_create(
        name="Benchmark portal", defaults={"scopes": [s.value for s in Scope]}
    )
    _, key = PortalAPIKey.objects.create_key(name="benchmark", client=client)
    return {"Authorization": f"Api-Key {key}"}


def member_with_activities(low, high):
    from lms.models import Member

    return Member.objects.annotate(n=Count("enrollments")).filter(n__gte=low, n__lte=high).order_by("-n", "pk").first()


def dashboard_member(activities=50):
    """The member with the most enrollments, topped up to `activities` live courses."""
    from courses.models import CoursePage
    from lms.models import Enrollment

    member = member_with_activities(1, 10_000)
    enrolled = set(member.enrollments.values_list("course_id", flat=True))
    for course in CoursePage.objects.live().exclude(pk__in=enrolled)[: max(0, activities - len(enrolled))]:
        Enrollment.objects.get_or_create(member=member, course=course)
    return member


def feed_cursor(page):
    """The cursor a portal holds after reading `page - 1` pages (None for page 1)."""
    from lms.api.pagination import encode_cursor
    from lms.models import Completion

    if page <= 1:
        return None
    updated_at, pk = Completion.objects.order_by("updated_at", "pk").values_list("updated_at", "pk")[
        (page - 1) * FEED_PAGE_SIZE - 1
    ]
    return encode_cursor(updated_at, pk)


def quiz_learners(count=QUIZ_LEARNERS):
    """`count` members enrolled in one open activity whose post-test allows unlimited attempts."""
    from lms.models import Enrollment, Member
    from lms.services.access import refusal_for
    from quizzes.models import Quiz, QuizRole

    members = list(Member.objects.filter(membership_status="active").select_related("user").order_by("-pk")[:count])
    quizzes = Quiz.objects.filter(role=QuizRole.POST_TEST, course__live=True).select_related("course").order_by("pk")
    quiz = next(quiz for quiz in quizzes if refusal_for(members[0], quiz.course) is None)
    Quiz.objects.filter(pk=quiz.pk).update(max_attempts=0, time_limit_minutes=None)
    for member in members:
        Enrollment.objects.get_or_create(member=member, course_id=quiz.course_id)
    return quiz, members


def prepare():
    """Everything the load needs, as plain data (the load runs in other processes)."""
    from cme_site.models import HomePage
    from courses.models import CoursePage, ModulePage
    from lms.models import Completion

    course = CoursePage.objects.live().filter(members_only=False).order_by("path").first()
    module = ModulePage.objects.live().child_of(course).order_by("path").first()
    progress_member = member_with_activities(10, 50)
    dashboard = dashboard_member()
    quiz, learners = quiz_learners()
    completions = Completion.objects.count()
    far_page = max(2, min(FAR_FEED_PAGE, completions // FEED_PAGE_SIZE))
    return {
        "portal": portal_headers(),
        "progress_member": progress_member.member_id,
        "progress_activities": progress_member.enrollments.count(),
        "dashboard": learner_headers(dashboard.user),
        "dashboard_activities": dashboard.enrollments.count(),
        "course_url": course.url,
        "module_url": module.url,
        "plain_url": HomePage.objects.live().first().url,
        "catalog_ids": list(CoursePage.objects.live().order_by("path").values_list("pk", flat=True)[:20]),
        "completions": completions,
        "far_page": far_page,
        "far_cursor": feed_cursor(far_page),
        "quiz_id": quiz.pk,
        "quiz_learners": [learner_headers(member.user) for member in learners],
        "quiz_learner_users": [member.user_id for member in learners],
    }
