"""Learner actions on an activity: enrol, complete a module, evaluate, claim credit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..forms import CreditClaimForm, EvaluationForm
from ..models import Completion, Evaluation
from ..services.access import progress_refusal
from ..services.completion import completion_status
from ..services.credit import claim_credit
from ..services.enrollment import enrol
from ..services.errors import RecordRefused
from ..services.evaluation import submit_evaluation
from ..services.pre_test import pre_test_offer, skip_pre_test
from ..services.progress import complete_module
from .helpers import back_to, live_course, live_module, require_member


@require_POST
@login_required
def enrol_view(request, course_id):
    course = live_course(course_id)
    member = require_member(request)
    if member is None:
        return back_to(course)
    try:
        enrol(member, course)
    except RecordRefused as refusal:
        return back_to(course, refusal, request)
    messages.success(request, f"You are enrolled in {course.title}.")
    offer = pre_test_offer(member, course)
    if offer is not None and offer.open:
        return redirect("lms:pre_test", course_id=course.pk)
    first = course.get_modules().first()
    return redirect(first.url if first else course.url)


@login_required
def pre_test_view(request, course_id):
    """The pre-test offer: take it now, or (where the activity allows) skip it and start module 1."""
    course = live_course(course_id)
    member = require_member(request)
    if member is None:
        return back_to(course)
    reason = progress_refusal(member, course)
    offer = pre_test_offer(member, course)
    if reason or offer is None:
        return _refused(request, course, reason or f"{course.title} has no pre-test.")
    first = course.get_modules().first()
    return render(request, "lms/pre_test.html", {"course": course, "offer": offer, "first_module": first})


@require_POST
@login_required
def skip_pre_test_view(request, course_id):
    course = live_course(course_id)
    member = require_member(request)
    if member is None:
        return back_to(course)
    try:
        skip_pre_test(member, course)
    except RecordRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("lms:pre_test", course_id=course.pk)
    first = course.get_modules().first()
    return redirect(first.url if first else course.url)


@require_POST
@login_required
def complete_module_view(request, module_id):
    module, course = live_module(module_id)
    member = require_member(request)
    if member is None:
        return back_to(module)
    try:
        complete_module(member, module, course)
    except RecordRefused as refusal:
        return back_to(module, refusal, request)
    following = course.get_modules().filter(path__gt=module.path).first()
    messages.success(request, f"{module.title} is complete.")
    return redirect(following.url if following else course.url)


def _refused(request, course, reason):
    messages.error(request, reason)
    return back_to(course)


@login_required
def evaluation_view(request, course_id):
    course = live_course(course_id)
    member = require_member(request)
    if member is None:
        return back_to(course)
    reason = progress_refusal(member, course)
    if reason:
        return _refused(request, course, reason)
    if Evaluation.objects.filter(member=member, course=course).exists():
        messages.info(request, "You have already evaluated this activity; thank you.")
        return redirect(course.url)
    form = EvaluationForm(course, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            submit_evaluation(member, course, form.answers())
        except RecordRefused as refusal:
            if refusal.field is None:
                return _refused(request, course, refusal.message)
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            messages.success(request, "Thank you for your evaluation.")
            return redirect("lms:claim", course_id=course.pk)
    return render(request, "lms/evaluation.html", {"course": course, "form": form})


@login_required
def claim_view(request, course_id):
    course = live_course(course_id)
    member = require_member(request)
    if member is None:
        return back_to(course)
    completion = Completion.objects.filter(member=member, course=course).select_related("certificate").first()
    # What was earned stays in view when the learner may no longer claim (a lapsed membership):
    # the page lists the claims and the certificate and says why the form is gone.
    refusal = progress_refusal(member, course)
    if refusal and completion is None:
        return _refused(request, course, refusal)
    designations = list(course.credit_designations.select_related("credit_type"))
    form = CreditClaimForm(designations, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claim_credit(
                member, course, form.cleaned_data["minutes"], form.amounts(), form.cleaned_data["report_consent"]
            )
        except RecordRefused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        else:
            messages.success(request, "Your credit is recorded and your certificate is ready.")
            return redirect("lms:claim", course_id=course.pk)
    context = {
        "course": course,
        "form": form,
        "refusal": refusal,
        "completion": completion,
        "status": None if completion else completion_status(member, course),
        "awards_credit": course.awards_credit_on(),
        "claims": list(completion.claims.select_related("credit_type")) if completion else [],
        "certificate": getattr(completion, "certificate", None) if completion else None,
    }
    return render(request, "lms/claim.html", context)
