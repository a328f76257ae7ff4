"""What verifiers fetch (the DID document, the JWKS, the status lists) and what learners download
(their badge as JSON, as a VC-JWT, and baked into an SVG image)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from content.refusals import Refused, add_refusal

from ..models import Certificate, CredentialRecipient, OpenBadgeCredential
from ..services.access import member_for
from .baking import baked_svg
from .did import did_document, jwks
from .issuance import open_badge_of, set_recipient_did
from .status import status_list_credential

# Verifiers cache what they fetch; an hour keeps a rotated key reachable soon enough, and status
# lists are short-lived so a revocation shows within minutes.
PUBLISHED_MAX_AGE = 3600
STATUS_MAX_AGE = 300


def _public(response, max_age):
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def did_json(request):
    return _public(JsonResponse(did_document(), content_type="application/did+json"), PUBLISHED_MAX_AGE)


@require_GET
def jwks_json(request):
    return _public(JsonResponse(jwks(), content_type="application/jwk-set+json"), PUBLISHED_MAX_AGE)


@require_GET
def status_list(request, number):
    if number != 1 and not OpenBadgeCredential.objects.filter(status_list=number).exists():
        raise Http404("No such status list.")
    _, compact_jws = status_list_credential(number)
    return _public(HttpResponse(compact_jws, content_type="application/vc+jwt"), STATUS_MAX_AGE)


def _own_badge(request, code):
    """The learner's own badge, never another's (404); none for an anonymized learner's certificate."""
    certificate = get_object_or_404(Certificate, code=code, completion__member__user=request.user)
    open_badge = open_badge_of(certificate)
    if open_badge is None:
        raise Http404("This certificate has no badge.")
    return open_badge


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def badge_json(request, code):
    open_badge = _own_badge(request, code)
    return JsonResponse(
        open_badge.credential,
        content_type="application/ld+json",
        json_dumps_params={"indent": 2, "ensure_ascii": False},
        headers={"Content-Disposition": f'attachment; filename="cme-badge-{code}.json"'},
    )


@login_required
def badge_jwt(request, code):
    return _download(_own_badge(request, code).compact_jws, "application/vc+jwt", f"cme-badge-{code}.jwt")


@login_required
def badge_svg(request, code):
    return _download(baked_svg(_own_badge(request, code)), "image/svg+xml", f"cme-badge-{code}.svg")


class RecipientForm(forms.Form):
    did = forms.CharField(
        label="Your DID",
        required=False,
        max_length=CredentialRecipient._meta.get_field("did").max_length,
        help_text="Leave empty to be named by a salted hash of your e-mail address.",
    )


@login_required
def badge_recipient(request):
    """Where the learner says how their future badges name them."""
    member = member_for(request.user)
    if member is None:
        raise Http404("No member profile")
    current = CredentialRecipient.objects.filter(member=member).first()
    form = RecipientForm(request.POST or None, initial={"did": current.did if current else ""})
    if request.method == "POST" and form.is_valid():
        try:
            recipient = set_recipient_did(member, form.cleaned_data["did"])
        except Refused as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(
                request,
                f"Badges issued from now on name {recipient.did}."
                if recipient
                else "Badges issued from now on name you by a hash of your e-mail address.",
            )
            return redirect("lms:dashboard")
    return render(request, "lms/credentials/recipient.html", {"form": form}, status=400 if form.errors else 200)
