"""The demo home page renders the plugin's home panel: featured activities, the way into the
catalog, and a signed-in learner's next step."""

import pytest
from django.utils import timezone

from lms.models import Completion, Enrollment
from tests.factories import MemberFactory, make_catalog, make_course, make_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    home = make_home()
    catalog = make_catalog(home)
    make_course(catalog, slug="first", title="First activity")
    make_course(catalog, slug="second", title="Second activity")
    return home


def test_visitors_see_the_featured_activities_and_the_catalog(client, home):
    html = client.get(home.url).content.decode()
    assert "First activity" in html and "Second activity" in html
    assert "Browse CME courses" in html
    assert "Continue where you left off" not in html


def test_a_learner_is_shown_the_activity_to_go_on_with_until_it_is_completed(client, home):
    from courses.models import CoursePage

    member = MemberFactory()
    first = CoursePage.objects.get(slug="first")
    Enrollment.objects.create(member=member, course=first)
    client.force_login(member.user)
    html = client.get(home.url).content.decode()
    assert "Continue where you left off" in html and f'href="{first.url}"' in html
    Completion.objects.create(member=member, course=first, completed_at=timezone.now())
    assert "Continue where you left off" not in client.get(home.url).content.decode()
