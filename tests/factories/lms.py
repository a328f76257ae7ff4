import factory
from django.contrib.auth import get_user_model

from lms.models import Degree, Enrollment, Member, MembershipStatus

from .courses import CourseFactory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery")


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda member: member.user.email if member.user else "")
    member_id = factory.Sequence(lambda n: f"M{n:06d}")
    first_name = "Riley"
    last_name = factory.Sequence(lambda n: f"Learner{n}")
    degree = Degree.MD
    membership_status = MembershipStatus.ACTIVE


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    member = factory.SubFactory(MemberFactory)
    course = factory.SubFactory(CourseFactory)


def enrolled_learner(course, username=None, **member_fields):
    """A user with an active member profile, enrolled in `course`."""
    member = MemberFactory(**({"user__username": username} if username else {}), **member_fields)
    EnrollmentFactory(member=member, course=course)
    return member.user


def user_in(group_name, username):
    """A staff user in one of the society's groups ("Society admins", "Editors")."""
    from django.contrib.auth.models import Group

    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group_name))
    return user
