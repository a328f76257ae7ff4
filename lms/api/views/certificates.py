from django.http import FileResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from ...credentials.issuance import open_badge_of
from ...credentials.status import credential_status
from ...models import Certificate
from ...services.certificates import certificate_file, certificate_filename
from ...services.retention import verified_name
from .. import examples
from ..conventions import APIConventions, extend_schema
from ..permissions import ScopeRequired
from ..serializers.records import CredentialSerializer, VerificationSerializer


class CertificateVerifyView(APIConventions, APIView):
    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        summary="Verify a certificate by its code (public, minimal data)",
        tags=["certificates"],
        responses=VerificationSerializer,
        examples=[examples.VERIFICATION],
    )
    def get(self, request, code):
        certificate = get_object_or_404(Certificate.objects.select_related("superseded_by"), code=code.strip().upper())
        snapshot = certificate.snapshot
        return Response(
            VerificationSerializer(
                {
                    "code": certificate.code,
                    "valid": certificate.is_valid,
                    "revoked_at": certificate.revoked_at,
                    "certificate_kind": certificate.kind,
                    "version": certificate.version,
                    "superseded_at": certificate.superseded_at,
                    "superseded_by": certificate.superseded_by.code if certificate.superseded_by else None,
                    "moc": snapshot.get("moc", []),
                    "learner_name": verified_name(certificate),
                    "activity_title": snapshot["activity_title"],
                    "completion_date": snapshot["completion_date"],
                    "credits": snapshot["credits"],
                }
            ).data
        )


class CertificatePdfView(APIConventions, APIView):
    permission_classes = [ScopeRequired]
    required_scope = "certificates:read"

    @extend_schema(
        summary="Download a certificate's PDF by its code (a revoked one comes stamped REVOKED)",
        tags=["certificates"],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    def get(self, request, code):
        certificate = get_object_or_404(Certificate, code=code.strip().upper())
        if not certificate.pdf:
            raise NotFound("This certificate's PDF was removed when the learner was anonymized.")
        return FileResponse(
            certificate_file(certificate), content_type="application/pdf", filename=certificate_filename(certificate)
        )


class CertificateCredentialView(APIConventions, APIView):
    """Public like verification: the badge is made to be shown to anyone, and names the learner
    only by a salted hash or the DID they chose."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        summary="The certificate's Open Badges 3.0 credential, signed, with its current status (public)",
        tags=["certificates"],
        responses=CredentialSerializer,
    )
    def get(self, request, code):
        certificate = get_object_or_404(Certificate, code=code.strip().upper())
        open_badge = open_badge_of(certificate)
        if open_badge is None:
            raise NotFound("This certificate has no badge: its learner was anonymized before one was issued.")
        return Response(
            CredentialSerializer(
                {
                    "code": certificate.code,
                    "status": credential_status(certificate),
                    "credential": open_badge.credential,
                    "vc_jwt": open_badge.compact_jws,
                }
            ).data
        )
