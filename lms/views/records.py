"""The learner's own records: dashboard, transcript, certificates; and public verification."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone

from content.spreadsheet import csv_response
from courses.models import CMEStatementSettings

from ..documents import render_transcript_pdf, transcript_csv
from ..forms import PeriodForm, VerifyForm, renewal_period_start
from ..models import Certificate
from ..services.access import member_for
from ..services.certificates import certificate_file, certificate_filename
from ..services.next_step import next_steps
from ..services.personal_data import member_data
from ..services.progress import enrollments_with_progress, progress_of
from ..services.progress_cache import member_rendering
from ..services.retention import verified_name
from ..services.society_time import society_date, society_today
from ..services.transcript import revoked_in_period, transcript, transcript_totals

DEFAULT_PERIOD_YEARS = 3


def _member_or_404(request):
    member = member_for(request.user)
    if member is None:
        raise Http404("No member profile")
    return member


@login_required
def dashboard(request):
    member = member_for(request.user)
    if member is None:
        return render(request, "lms/dashboard.html", {"member": None})
    form = PeriodForm(request.GET or {"start": renewal_period_start(DEFAULT_PERIOD_YEARS, society_today())})
    start, end = form.period()
    # What the member has taken and the credit it counts change only with their records or the
    # published content: stored together behind both tokens (lms/services/progress_cache.py).
    records, totals = member_rendering(
        member.pk,
        f"dashboard:{request.get_host()}:{start}:{end}",
        # The transcript's totals: the same credit, counted the same way (no revoked credit).
        lambda: (_records(request, member), transcript_totals(member, start, end)),
    )
    return render(
        request,
        "lms/dashboard.html",
        {"member": member, "records": records, "totals": totals, "period_form": form},
    )


def _records(request, member):
    enrollments = list(enrollments_with_progress(member))
    codes = [enrollment.certificate_code for enrollment in enrollments if enrollment.certificate_code]
    revoked = {}
    if codes:
        revoked = dict(
            Certificate.objects.filter(code__in=codes, revoked_at__isnull=False).values_list("code", "revoked_at")
        )
    steps = next_steps(member, [enrollment.course for enrollment in enrollments])
    for enrollment in enrollments:
        enrollment.progress = progress_of(enrollment)
        enrollment.next_step = steps[enrollment.course_id]
        revoked_at = revoked.get(enrollment.certificate_code)
        enrollment.certificate_revoked_on = society_date(revoked_at) if revoked_at else None
        enrollment.completed_on = society_date(enrollment.completed_at) if enrollment.completed_at else None
    context = {
        "in_progress": [e for e in enrollments if not e.completed_at],
        "completed": [e for e in enrollments if e.completed_at],
    }
    return render_to_string("lms/_dashboard_records.html", context, request=request)


@login_required
def transcript_view(request):
    member = _member_or_404(request)
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    rows, totals = transcript(member, start, end)
    output = request.GET.get("format")
    if output == "csv":
        return csv_response(transcript_csv(rows), "cme-transcript.csv")
    context = {
        "learner_name": f"{member.first_name} {member.last_name}",
        "degree": member.get_degree_display(),
        "member_id": member.member_id,
        "period_start": start,
        "period_end": end,
        "rows": rows,
        "totals": totals,
        "revoked": revoked_in_period(member, start, end),
        "generated_at": timezone.now(),
    }
    if output == "pdf":
        context["provider"] = CMEStatementSettings.for_request(request).provider_name
        response = HttpResponse(render_transcript_pdf(context), content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="cme-transcript.pdf"'
        return response
    return render(request, "lms/transcript.html", {**context, "form": form, "query": request.GET.urlencode()})


@login_required
def certificate_pdf(request, code):
    """The one way a learner reaches a certificate file: their own, never another's (404)."""
    # An anonymized learner's certificate has no file left (and its account cannot sign in).
    certificate = get_object_or_404(
        Certificate.objects.exclude(pdf=""), code=code, completion__member__user=request.user
    )
    return FileResponse(
        certificate_file(certificate),
        as_attachment=True,
        content_type="application/pdf",
        filename=certificate_filename(certificate, prefix="cme-certificate-"),
    )


@login_required
def my_data(request):
    member = _member_or_404(request)
    response = JsonResponse(member_data(member), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="cme-my-data-{timezone.localdate():%Y-%m-%d}.json"'
    response["Cache-Control"] = "no-store"
    return response


def verify_form(request):
    """Where anyone types a certificate's code; the code's own page answers."""
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("lms:verify", code=form.cleaned_data["code"])
    return render(request, "lms/verify.html", {"form": form, "asked": False})


def verify(request, code):
    certificate = Certificate.objects.select_related("superseded_by").filter(code=code.strip().upper()).first()
    context = {"certificate": certificate, "code": code, "asked": True}
    if certificate is None:
        # Not found, said kindly, with the form to try again; the status stays 404 for machines.
        context["form"] = VerifyForm(initial={"code": code})
    else:
        context["learner_name"] = verified_name(certificate)
    response = render(request, "lms/verify.html", context)
    if certificate is None:
        response.status_code = 404
    return response
