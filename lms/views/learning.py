"""Learner actions on an activity: enrol, complete a module, evaluate, claim credit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from content.refusals import Refused, add_refusal

from ..forms import BoardCertificationForm, CreditClaimForm, EvaluationForm, NabpDetailsForm
from ..models import Completion, Evaluation, Participation
from ..services.access import progress_refusal
from ..services.boards import save_board_certification
from ..services.completion import completion_status
from ..services.credit import claim_credit
from ..services.eligibility import claim_options
from ..services.enrollment import enrol
from ..services.evaluation import submit_evaluation
from ..services.nabp import save_nabp_details
from ..services.pre_test import pre_test_offer, skip_pre_test
from ..services.progress import complete_module
from .access import learner_in_live_course, live_module, require_member
from .redirects import back_to


@require_POST
@login_required
@learner_in_live_course
def enrol_view(request, course, member):
    try:
        enrol(member, course)
    except Refused as refusal:
        return back_to(course, refusal, request)
    messages.success(request, f"You are enrolled in {course.title}.")
    offer = pre_test_offer(member, course)
    if offer is not None and offer.open:
        return redirect("lms:pre_test", course_id=course.pk)
    first = course.get_modules().first()
    return redirect(first.url if first else course.url)


@login_required
@learner_in_live_course
def pre_test_view(request, course, member):
    """The pre-test offer: take it now, or (where the activity allows) skip it and start module 1."""
    reason = progress_refusal(member, course)
    offer = pre_test_offer(member, course)
    if reason or offer is None:
        return _refused(request, course, reason or f"{course.title} has no pre-test.")
    first = course.get_modules().first()
    return render(request, "lms/pre_test.html", {"course": course, "offer": offer, "first_module": first})


@require_POST
@login_required
@learner_in_live_course
def skip_pre_test_view(request, course, member):
    try:
        skip_pre_test(member, course)
    except Refused as refusal:
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
    except Refused as refusal:
        return back_to(module, refusal, request)
    following = course.get_modules().filter(path__gt=module.path).first()
    messages.success(request, f"{module.title} is complete.")
    return redirect(following.url if following else course.url)


def _refused(request, course, reason):
    messages.error(request, reason)
    return back_to(course)


@login_required
@learner_in_live_course
def evaluation_view(request, course, member):
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
        except Refused as refusal:
            if refusal.field is None:
                return _refused(request, course, refusal.message)
            add_refusal(form, refusal)
        else:
            messages.success(request, "Thank you for your evaluation.")
            return redirect("lms:claim", course_id=course.pk)
    return render(request, "lms/evaluation.html", {"course": course, "form": form})


@login_required
@learner_in_live_course
def claim_view(request, course, member):
    completion = Completion.objects.filter(member=member, course=course).first()
    # What was earned stays in view when the learner may no longer claim (a lapsed membership):
    # the page lists the claims and the certificate and says why the form is gone.
    refusal = progress_refusal(member, course)
    if refusal and completion is None:
        return _refused(request, course, refusal)
    options = claim_options(member, course, completion)
    certificate = completion.current_certificate if completion else None
    form = CreditClaimForm(options, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claim_credit(
                member,
                course,
                form.cleaned_data["minutes"],
                form.amounts(),
                form.cleaned_data["report_consent"],
                moc=form.moc(),
                participation=form.participation(),
            )
        except Refused as refused:
            add_refusal(form, refused)
        else:
            messages.success(request, "Your claim is recorded and your certificate is ready.")
            return redirect("lms:claim", course_id=course.pk)
    context = {
        "course": course,
        "form": form,
        "refusal": refusal,
        "completion": completion,
        "status": None if completion else completion_status(member, course),
        "awards_credit": course.awards_credit_on(),
        "options": options,
        "claims": list(completion.claims.select_related("credit_type")) if completion else [],
        "moc_claims": list(completion.moc_claims.select_related("board")) if completion else [],
        "participation": Participation.objects.filter(completion=completion).first() if completion else None,
        "certificate": certificate,
    }
    return render(request, "lms/claim.html", context)


@login_required
def board_certifications_view(request):
    """The learner's board certifications: the diplomate id and consent MOC claims need."""
    member = require_member(request)
    if member is None:
        return redirect("lms:dashboard")
    form = BoardCertificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            save_board_certification(
                member,
                form.cleaned_data["board"],
                form.cleaned_data["diplomate_id"],
                form.cleaned_data["report_consent"],
            )
        except Refused as refused:
            add_refusal(form, refused)
        else:
            messages.success(request, f"Your {form.cleaned_data['board'].code} certification is saved.")
            back = request.POST.get("next", "")
            return redirect(
                back if url_has_allowed_host_and_scheme(back, {request.get_host()}) and back else "lms:boards"
            )
    certifications = member.board_certifications.select_related("board").order_by("board__code")
    return render(
        request,
        "lms/board_certifications.html",
        {"form": form, "certifications": certifications, "next": request.GET.get("next", "")},
    )


@login_required
def nabp_details_view(request):
    """The learner's NABP e-Profile ID and month and day of birth: what ACPE credit is reported under."""
    member = require_member(request)
    if member is None:
        return redirect("lms:dashboard")
    initial = {name: getattr(member, name) for name in ("nabp_eprofile_id", "birth_month", "birth_day")}
    form = NabpDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            save_nabp_details(
                member, *(form.cleaned_data[name] for name in ("nabp_eprofile_id", "birth_month", "birth_day"))
            )
        except Refused as refused:
            add_refusal(form, refused)
        else:
            messages.success(request, "Your NABP details are saved.")
            back = request.POST.get("next", "")
            return redirect(
                back if url_has_allowed_host_and_scheme(back, {request.get_host()}) and back else "lms:dashboard"
            )
    return render(request, "lms/nabp_details.html", {"form": form, "next": request.GET.get("next", "")})
