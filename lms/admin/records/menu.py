"""The admin URLs of the CME records screens and the "CME records" menu that leads to them."""

from django.urls import path, reverse
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from ...cpe_monitor.views import CpeMonitorExportView
from ...imports import views as imports
from ...pars.views import ParsExportView
from ...services import retention
from .. import retained
from .anonymize import AnonymizeMemberView
from .certificates import CertificateListView, RevokeCertificateView
from .completions import ManualCompletionView
from .grants import GrantAttemptView

VIEW_MEMBERS, CHANGE_MEMBERS = "cme_lms.view_member", "cme_lms.change_member"


def records_urls():
    return [
        path("cme-records/pars/", ParsExportView.as_view(), name="lms_pars_export"),
        path("cme-records/cpe-monitor/", CpeMonitorExportView.as_view(), name="lms_cpe_monitor_export"),
        path("cme-records/import-members/", imports.UploadView.as_view(), name="lms_import_members"),
        path("cme-records/import-members/preview/", imports.PreviewView.as_view(), name="lms_import_members_preview"),
        path("cme-records/import-members/apply/", imports.ApplyView.as_view(), name="lms_import_members_apply"),
        path("cme-records/certificates/", CertificateListView.as_view(), name="lms_certificates"),
        path(
            "cme-records/certificates/results/",
            CertificateListView.as_view(results_only=True),
            name="lms_certificates_results",
        ),
        path(
            "cme-records/certificates/<int:pk>/revoke/", RevokeCertificateView.as_view(), name="lms_revoke_certificate"
        ),
        path("cme-records/grant-attempt/", GrantAttemptView.as_view(), name="lms_grant_attempt"),
        path("cme-records/manual-completion/", ManualCompletionView.as_view(), name="lms_manual_completion"),
        path("cme-records/anonymize-member/", AnonymizeMemberView.as_view(), name="lms_anonymize_member"),
        path("cme-records/retained/", retained.RetainedRecordsView.as_view(), name="lms_retained_records"),
    ]


class PermittedMenuItem(MenuItem):
    def __init__(self, label, url_name, permission, **kwargs):
        super().__init__(label, reverse(url_name), **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


def records_menu_item():
    menu = Menu(
        items=[
            PermittedMenuItem("PARS export", "lms_pars_export", VIEW_MEMBERS, icon_name="download", order=100),
            PermittedMenuItem(
                "CPE Monitor export", "lms_cpe_monitor_export", VIEW_MEMBERS, icon_name="download", order=150
            ),
            PermittedMenuItem("Import members", "lms_import_members", CHANGE_MEMBERS, icon_name="upload", order=200),
            PermittedMenuItem("Certificates", "lms_certificates", CHANGE_MEMBERS, icon_name="doc-full", order=300),
            PermittedMenuItem(
                "Grant extra attempt", "lms_grant_attempt", CHANGE_MEMBERS, icon_name="resubmit", order=400
            ),
            PermittedMenuItem(
                "Record completion", "lms_manual_completion", CHANGE_MEMBERS, icon_name="circle-check", order=500
            ),
            PermittedMenuItem("Anonymize member", "lms_anonymize_member", CHANGE_MEMBERS, icon_name="user", order=600),
            PermittedMenuItem(
                "Retained records", "lms_retained_records", retention.VIEW_PERMISSION, icon_name="lock", order=700
            ),
        ]
    )
    # Beside "Members" (320) and the portal entries (330, 331).
    return SubmenuMenuItem("CME records", menu, icon_name="clipboard-list", order=325)
