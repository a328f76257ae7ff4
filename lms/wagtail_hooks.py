"""Learner records in the pages: gating, progress, and the learner's next step."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from wagtail import hooks

from content.refusals import Refused
from courses import hooks as cme_hooks
from courses.models import CoursePage, ModulePage
from quizzes.models import Quiz, QuizRole

from .conf import lms_settings
from .models import Completion, Enrollment, ModuleProgress
from .services.access import member_for, pre_test_refusal, progress_refusal, refusal_for, study_refusal
from .services.enrollment import enrol
from .services.next_step import next_step, sign_in_url
from .services.outline import learner_outline
from .services.pre_test import pre_test_offer
from .services.progress import record_module_started


@hooks.register("before_serve_page")
def gate_and_track_modules(page, request, serve_args, serve_kwargs):
    if not isinstance(page.specific, ModulePage):
        return None
    module = page.specific
    course = module.get_course()
    if course is None:
        return None
    if course.members_only and not request.user.is_authenticated:
        # A visitor who has not signed in is asked to, and comes back here once they have.
        return redirect_to_login(request.get_full_path())
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
        except Refused:
            return None
        # Enrolling here, as by the button, offers the pre-test before the module.
        offer = pre_test_offer(member, course)
        if offer is not None and offer.open:
            return redirect("lms:pre_test", course_id=course.pk)
        enrolled = True
    if enrolled:
        reason = pre_test_refusal(member, course)
        if reason:
            messages.info(request, reason)
            return redirect("lms:pre_test", course_id=course.pk)
        record_module_started(member, module, course)
    return None


def outline_for_request(request, member, page):
    """The learner's outline, built once per request: the next-step bar and the learner panel of the
    same activity page both show it."""
    outlines = request.__dict__.setdefault("cme_learner_outlines", {})
    key = (member.pk, page.pk)
    if key not in outlines:
        outlines[key] = learner_outline(member, page)
    return outlines[key]


@hooks.register(cme_hooks.COURSE_PAGE_ACTIONS)
def learner_next_step(page, request):
    """The one primary action for where the visitor stands, under the activity's title."""
    member = member_for(request.user)
    if request.user.is_authenticated and member is None:
        return render_to_string("lms/_activity_next_step.html", {"no_member": True}, request=request)
    context = {"step": next_step(member, page)}
    if member is not None and Enrollment.objects.filter(member=member, course=page).exists():
        context["progress"] = outline_for_request(request, member, page).progress
    return render_to_string("lms/_activity_next_step.html", context, request=request)


@hooks.register(cme_hooks.COURSE_PAGE_SECTIONS)
def learner_panel(page, request):
    member = member_for(request.user)
    context = {
        "course": page,
        "member": member,
        "signed_in": request.user.is_authenticated,
        "sign_in_url": sign_in_url(page.url),
    }
    if member is not None:
        context["enrolled"] = Enrollment.objects.filter(member=member, course=page).exists()
        completion = Completion.objects.filter(member=member, course=page).first()
        context["completion"] = completion
        context["certificate"] = completion.current_certificate if completion else None
        if context["enrolled"] and completion is None:
            context["outline"] = outline_for_request(request, member, page)
            context["status"] = context["outline"].status
            context["pre_test_offer"] = pre_test_offer(member, page)
    return render_to_string("lms/_learner_panel.html", context, request=request)


@hooks.register(cme_hooks.MODULE_PAGE_SECTIONS)
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
        "has_knowledge_check": Quiz.objects.live().filter(module=page).exists(),
    }
    return render_to_string("lms/_module_completion.html", context, request=request)


def _course_of(quiz):
    if quiz.course_id:
        return quiz.course.specific
    course = CoursePage.objects.parent_of(quiz.module).first() if quiz.module_id else None
    return course.specific if course is not None else None


@hooks.register(cme_hooks.QUIZ_RESULT_NEXT_STEP)
def quiz_result_next_step(attempt, request):
    """After a test, the learner's next step in its activity (the evaluation after a passed post-test)."""
    course = _course_of(attempt.quiz)
    member = member_for(request.user)
    if course is None or member is None:
        return ""
    context = {"step": next_step(member, course), "course": course}
    return render_to_string("lms/_result_next_step.html", context, request=request)


@hooks.register(cme_hooks.QUIZ_START_REFUSAL)
def quiz_start_refusal(quiz, user):
    course = _course_of(quiz)
    if course is None:
        return None
    if quiz.role == QuizRole.PRE_TEST:
        return progress_refusal(member_for(user), course)
    return study_refusal(member_for(user), course)


@hooks.register(cme_hooks.MIN_PASS_MARK)
def minimum_pass_mark():
    """A post-test for credit must be passable only by learning: LMS["MIN_PASS_MARK"] (docs/learner-records.md)."""
    return lms_settings.MIN_PASS_MARK


# The admin registers its hooks when imported; Wagtail imports only this module.

from .admin import hooks as _admin_hooks  # noqa: E402, F401
