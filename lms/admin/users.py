"""Settings > Users tells staff from learners, and Settings > Groups says what each role may do.

Staff are the accounts that may reach the admin: superusers, and anyone granted Wagtail's
"access admin" permission directly or through a group. Everyone else is a learner."""

import django_filters
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q
from wagtail.admin.ui.tables import Column
from wagtail.users.views import groups, users

from ..services.roles import ROLE_DESCRIPTIONS

STAFF = "staff"
LEARNERS = "learners"


def staff_condition(model):
    access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    through_group = model.groups.through.objects.filter(
        **{f"{model._meta.model_name}_id": OuterRef("pk")}, group__permissions__in=access
    )
    direct = model.user_permissions.through.objects.filter(
        **{f"{model._meta.model_name}_id": OuterRef("pk")}, permission__in=access
    )
    return Q(is_superuser=True) | Exists(through_group) | Exists(direct)


class AccountKindFilter(django_filters.ChoiceFilter):
    def __init__(self, **kwargs):
        super().__init__(choices=[(STAFF, "Staff (admin access)"), (LEARNERS, "Learners")], **kwargs)

    def filter(self, queryset, value):
        if value == STAFF:
            return queryset.filter(staff_condition(queryset.model))
        if value == LEARNERS:
            return queryset.exclude(staff_condition(queryset.model))
        return queryset


class CMEUserFilterSet(users.UserFilterSet):
    kind = AccountKindFilter(label="Staff or learners", empty_label="Everyone")

    class Meta(users.UserFilterSet.Meta):
        pass


class CMEUserViewSet(users.UserViewSet):
    filterset_class = CMEUserFilterSet


class GroupIndexView(groups.IndexView):
    columns = groups.IndexView.columns + [
        Column("role", label="What this role may do", accessor=lambda group: ROLE_DESCRIPTIONS.get(group.name, ""))
    ]


class CMEGroupViewSet(groups.GroupViewSet):
    index_view_class = GroupIndexView
