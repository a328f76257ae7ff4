"""Certificates in the admin: find one by code or learner, and revoke it with a reason."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView
from wagtail.admin.paginator import WagtailPaginator

from ...models import Certificate
from ...services.certificates import revoke_certificate
from .base import RecordActionView, RecordsAdminView
from .forms import RevokeCertificateForm

PER_PAGE = 50


class CertificateListView(RecordsAdminView, TemplateView):
    page_title = "Certificates"
    header_icon = "doc-full"
    template_name = "lms/admin/certificates.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()
        certificates = Certificate.objects.select_related("completion__member").order_by("-issued_at")
        if query:
            certificates = certificates.filter(
                Q(code__icontains=query)
                | Q(completion__member__member_id__iexact=query)
                | Q(completion__member__last_name__icontains=query)
                | Q(completion__member__first_name__icontains=query)
            )
        page = WagtailPaginator(certificates, PER_PAGE).get_page(self.request.GET.get("p"))
        elided = page.paginator.get_elided_page_range(page.number)
        return super().get_context_data(query=query, certificates=page, elided_page_range=elided, **kwargs)


class RevokeCertificateView(RecordActionView):
    page_title = "Revoke certificate"
    header_icon = "doc-full"
    template_name = "lms/admin/revoke_certificate.html"
    form_class = RevokeCertificateForm
    success_url_name = "lms_certificates"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.certificate = get_object_or_404(Certificate.objects.select_related("completion__member"), pk=kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(certificate=self.certificate, **kwargs)

    def perform(self, form):
        revoke_certificate(self.certificate, self.request.user, form.cleaned_data["reason"])
        return f"Certificate {self.certificate.code} is revoked; its verification page now says so."
