"""Certificates in the admin: find one by code or learner, and revoke it with a reason."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.widgets.button import ListingButton

from ...models import Certificate
from ...services.certificates import revoke_certificate
from .base import MemberRecordsPermission, RecordActionView
from .forms import RevokeCertificateForm


def learner_label(certificate):
    return f"{certificate.snapshot['learner_name']} ({certificate.completion.member.member_id})"


def issued_on(certificate):
    return date_format(timezone.localtime(certificate.issued_at), "j M Y")


def status_label(certificate):
    if certificate.is_valid:
        return "Valid"
    return f"Revoked {date_format(timezone.localtime(certificate.revoked_at), 'j M Y')}"


class CertificateListView(MemberRecordsPermission, IndexView):
    model = Certificate
    page_title = "Certificates"
    header_icon = "doc-full"
    index_url_name = "lms_certificates"
    index_results_url_name = "lms_certificates_results"
    paginate_by = 50
    is_searchable = True
    search_backend_name = None
    list_display = [
        "code",
        Column("learner", label="Learner", accessor=learner_label),
        Column("activity", label="Activity", accessor=lambda certificate: certificate.snapshot["activity_title"]),
        Column("issued_at", label="Issued", accessor=issued_on, sort_key="issued_at"),
        StatusTagColumn("status", label="Status", accessor=status_label, primary=lambda c: c.is_valid),
    ]

    def get_base_queryset(self):
        return Certificate.objects.select_related("completion__member").order_by("-issued_at")

    def search_queryset(self, queryset):
        # A member id is matched whole: "M1" must not list every member from M10 to M199.
        if not self.is_searching:
            return queryset
        query = self.search_query
        return queryset.filter(
            Q(code__icontains=query)
            | Q(completion__member__member_id__iexact=query)
            | Q(completion__member__last_name__icontains=query)
            | Q(completion__member__first_name__icontains=query)
        )

    def get_list_buttons(self, instance):
        if not instance.is_valid:
            return []
        url = reverse("lms_revoke_certificate", args=(instance.pk,))
        return [ListingButton("Revoke", url=url, icon_name="cross", classname="no", priority=10)]


class RevokeCertificateView(RecordActionView):
    page_title = "Revoke certificate"
    header_icon = "doc-full"
    template_name = "lms/admin/revoke_certificate.html"
    form_class = RevokeCertificateForm
    success_url_name = "lms_certificates"

    @cached_property
    def certificate(self):
        # Looked up after the permission check: a refused user learns nothing of which certificates exist.
        return get_object_or_404(Certificate.objects.select_related("completion__member"), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(certificate=self.certificate, **kwargs)

    def perform(self, form):
        revoke_certificate(self.certificate, self.request.user, form.cleaned_data["reason"])
        return f"Certificate {self.certificate.code} is revoked; its verification page now says so."
