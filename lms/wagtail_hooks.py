"""Learner records in the pages: gating, progress, and the learner's next step."""

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.template.response import TemplateResponse
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.models import CoursePage, ModulePage
from quizzes.models import Quiz

from .conf import lms_settings
from .admin_views import portals
from .admin_views.portals import PortalClientViewSet
from .models import Certificate, Completion, Enrollment, Evaluation, Member, ModuleProgress, PortalAPIKey, PortalClient
from .services.access import member_for, refusal_for
from .services.certificates import REVOKE_ACTION
from .services.completion import completion_status
from .services.enrollment import enrol
from .services.errors import RecordRefused
from .services.members import ANONYMIZE_ACTION
from .services.progress import record_module_started


register_permission_policy(Member)


class MemberViewSet(SnippetViewSet):
    model = Member
    icon = "group"
    menu_label = "Members"
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["member_id", "last_name", "first_name", "degree", "membership_status", "membership_expires_on"]
    list_filter = ["degree", "membership_status"]
    search_fields = ["member_id", "first_name", "last_name", "npi"]


register_snippet(MemberViewSet)


register_permission_policy(PortalClient)
register_permission_policy(PortalAPIKey)


@hooks.register("register_admin_viewset")
def register_portal_clients():
    return PortalClientViewSet("portal_clients")


@hooks.register("register_admin_urls")
def register_portal_key_urls():
    return [
        path("portal-keys/", portals.portal_keys, name="lms_portal_keys"),
        path("portal-keys/<str:pk>/revoke/", portals.revoke_key, name="lms_revoke_portal_key"),
    ]


@hooks.register("register_admin_menu_item")
def register_portal_keys_menu_item():
    return portals.PortalKeysMenuItem("Portal API keys", reverse("lms_portal_keys"), icon_name="key", order=331)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(REVOKE_ACTION, "Revoke certificate", "Certificate revoked")
    actions.register_action(ANONYMIZE_ACTION, "Anonymize member", "Member anonymized")
    actions.register_action("lms.revoke_api_key", "Revoke API key", "API key revoked")


@hooks.register("before_serve_page")
def gate_and_track_modules(page, request, serve_args, serve_kwargs):
    if not isinstance(page.specific, ModulePage):
        return None
    module = page.specific
    course = module.get_course()
    if course is None:
        return None
    member = member_for(request.user)
    reason = refusal_for(member, course) if course.members_only else None
    if reason:
        return TemplateResponse(
            request, "lms/members_only.html", {"course": course, "page": module, "reason": reason}, status=403
        )
    if member is None:
        return None
    enrolled = Enrollment.objects.filter(member=member, course=course).exists()
    if not enrolled and lms_settings.AUTO_ENROLL_ON_MODULE_VIEW:
        try:
            enrol(member, course)
            enrolled = True
        except RecordRefused:
            enrolled = False
    if enrolled:
        record_module_started(member, module, course)
    return None


@hooks.register("cme_course_page_sections")
def learner_panel(page, request):
    member = member_for(request.user)
    context = {"course": page, "member": member, "signed_in": request.user.is_authenticated}
    if member is not None:
        context["refusal"] = refusal_for(member, page)
        context["enrolled"] = Enrollment.objects.filter(member=member, course=page).exists()
        completion = Completion.objects.filter(member=member, course=page).first()
        context["completion"] = completion
        context["certificate"] = Certificate.objects.filter(completion=completion).first() if completion else None
        if context["enrolled"] and completion is None:
            context["status"] = completion_status(member, page)
        context["evaluated"] = Evaluation.objects.filter(member=member, course=page).exists()
    return render_to_string("lms/_learner_panel.html", context, request=request)


@hooks.register("cme_module_page_sections")
def module_completion(page, request):
    member = member_for(request.user)
    if member is None:
        return ""
    course = page.get_course()
    if course is None or not Enrollment.objects.filter(member=member, course=course).exists():
        return ""
    progress = ModuleProgress.objects.filter(member=member, module=page).first()
    context = {
        "module": page,
        "completed": progress is not None and progress.completed_at is not None,
        "has_knowledge_check": Quiz.objects.filter(module=page).exists(),
    }
    return render_to_string("lms/_module_completion.html", context, request=request)


@hooks.register("cme_quiz_start_refusal")
def quiz_needs_enrollment(quiz, user):
    course = quiz.course or (CoursePage.objects.parent_of(quiz.module).first() if quiz.module_id else None)
    if course is None:
        return None
    member = member_for(user)
    reason = refusal_for(member, course)
    if reason:
        return reason
    if not Enrollment.objects.filter(member=member, course=course).exists():
        return f"Enrol in {course.title} before taking its tests."
    return None
from .webhooks import admin as _webhooks_admin  # noqa: F401
from .admin_actions import wagtail_hooks as _admin_actions_hooks  # noqa: F401
from .reports import wagtail_hooks as _reports_hooks  # noqa: F401
