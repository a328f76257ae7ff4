"""Certificate PDFs live in private storage, reached only through permission-checked views; a
revoked certificate is handed out stamped REVOKED and shown as revoked, never with its reason."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.test import override_settings
from django.urls import re_path, reverse
from django.views.static import serve
from pypdf import PdfReader

from courses.models import CreditType
from lms.models import Certificate
from lms.services.certificates import revoke_certificate
from lms.services.credit import claim_credit
from lms.storage import PRIVATE_STORAGE, check_private_storage
from tests.api.conftest import key_client, portal_key, session_client
from tests.factories import MemberFactory, UserFactory

from .test_learner_path import finish

PRIVATE_REASON = "Attestation found false after an audit of the sign-in sheet."

# What a web server does with MEDIA_ROOT: publishes every file under /media/.
urlpatterns = [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]


def pdf_text(data):
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def download(response):
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


@pytest.fixture
def certificate(member, activity_with_optional_module):
    finish(member, activity_with_optional_module)
    return claim_credit(
        member,
        activity_with_optional_module,
        45,
        {CreditType.objects.get(code=CreditType.AMA_PRA_CATEGORY_1): Decimal("0.75")},
        True,
    )


@pytest.fixture
def revoked(certificate):
    return revoke_certificate(certificate, UserFactory(username="coordinator", is_staff=True), PRIVATE_REASON)


def test_an_issued_certificate_is_stored_outside_the_media_root_without_a_url(certificate):
    stored = Path(certificate.pdf.path).resolve()
    assert Path(storages[PRIVATE_STORAGE].location).resolve() in stored.parents
    media = Path(settings.MEDIA_ROOT).resolve()
    assert media not in stored.parents
    assert not list(media.rglob(Path(certificate.pdf.name).name))
    with pytest.raises(ValueError, match="no URL"):
        _ = certificate.pdf.url


@override_settings(ROOT_URLCONF=__name__)
def test_the_old_public_media_url_finds_nothing(client, certificate):
    default_storage.save("certificates/published.txt", ContentFile(b"anything under the media root is public"))
    try:
        assert client.get("/media/certificates/published.txt").status_code == 200
        assert client.get(f"/media/certificates/{certificate.code}.pdf").status_code == 404
        assert client.get(f"/media/{certificate.pdf.name}").status_code == 404
    finally:
        default_storage.delete("certificates/published.txt")


def test_the_owner_downloads_the_issued_file_and_another_learner_finds_nothing(client, member, certificate):
    client.force_login(member.user)
    url = reverse("lms:certificate_pdf", args=[certificate.code])
    with certificate.pdf.open("rb") as issued:
        assert download(client.get(url)) == issued.read()
    client.force_login(MemberFactory(user__username="someone-else").user)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_a_revoked_certificate_downloads_stamped_and_the_issued_file_is_kept(client, member, certificate):
    with certificate.pdf.open("rb") as issued:
        original = issued.read()
    revoke_certificate(certificate, UserFactory(username="coordinator", is_staff=True), PRIVATE_REASON)
    client.force_login(member.user)
    response = client.get(reverse("lms:certificate_pdf", args=[certificate.code]))
    assert f"cme-certificate-{certificate.code}-revoked.pdf" in response["Content-Disposition"]
    text = pdf_text(download(response))
    assert "REVOKED" in text and "this certificate is not valid" in text
    assert "Ada Lovelace" in text and certificate.code in text
    assert PRIVATE_REASON not in text
    with Certificate.objects.get(pk=certificate.pk).pdf.open("rb") as kept:
        assert kept.read() == original
    assert "REVOKED" not in pdf_text(original)


def test_the_api_pdf_of_a_revoked_certificate_is_stamped_too(revoked):
    portal = key_client(portal_key("Certificates portal", ["certificates:read"]))
    response = portal.get(f"/api/v1/certificates/{revoked.code}/pdf/")
    assert f"{revoked.code}-revoked.pdf" in response["Content-Disposition"]
    text = pdf_text(download(response))
    assert "REVOKED" in text and PRIVATE_REASON not in text


def test_the_api_pdf_of_a_valid_certificate_is_the_issued_file(certificate):
    portal = key_client(portal_key("Certificates portal", ["certificates:read"]))
    with certificate.pdf.open("rb") as issued:
        assert download(portal.get(f"/api/v1/certificates/{certificate.code}/pdf/")) == issued.read()


def test_the_learner_sees_the_certificate_revoked_with_a_contact_line_never_the_reason(
    client, member, activity_with_optional_module, revoked
):
    client.force_login(member.user)
    surfaces = {
        "activity page": client.get(activity_with_optional_module.url),
        "claim page": client.get(reverse("lms:claim", args=[activity_with_optional_module.pk])),
        "dashboard": client.get(reverse("lms:dashboard")),
    }
    for surface, response in surfaces.items():
        html = response.content.decode()
        assert "<strong>Revoked.</strong> This certificate was revoked on" in html, surface
        assert "contact the CME office of The Sample Medical Society" in html, surface
        assert PRIVATE_REASON not in html, surface
    others = [
        client.get(reverse("lms:transcript")),
        client.get(reverse("lms:transcript"), {"format": "csv"}),
        client.get(reverse("lms:my_data")),
        session_client(member.user).get("/api/v1/me/progress/"),
    ]
    for response in others:
        assert PRIVATE_REASON not in response.content.decode()
    assert PRIVATE_REASON not in pdf_text(client.get(reverse("lms:transcript"), {"format": "pdf"}).content)


def test_the_public_verification_says_revoked_with_a_contact_line_never_the_reason(client, revoked):
    html = client.get(reverse("lms:verify", args=[revoked.code])).content.decode()
    assert "<strong>Revoked.</strong>" in html and "is not valid" in html
    assert "contact the CME office of The Sample Medical Society" in html
    assert PRIVATE_REASON not in html
    response = client.get(f"/api/v1/certificates/{revoked.code}/verify/")
    assert response.json()["valid"] is False
    assert PRIVATE_REASON not in response.content.decode()


def test_the_system_check_refuses_a_private_storage_that_is_missing_or_public(tmp_path):
    assert check_private_storage(None) == []
    base = {name: config for name, config in settings.STORAGES.items() if name != PRIVATE_STORAGE}
    with override_settings(STORAGES=base):
        assert [error.id for error in check_private_storage(None)] == ["lms.E001"]
    inside = {
        "BACKEND": "lms.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": settings.MEDIA_ROOT / "private"},
    }
    with override_settings(STORAGES={**base, PRIVATE_STORAGE: inside}):
        assert [error.id for error in check_private_storage(None)] == ["lms.E002"]
    no_location = {"BACKEND": "lms.storage.PrivateFileSystemStorage"}
    with override_settings(STORAGES={**base, PRIVATE_STORAGE: no_location}):
        assert [error.id for error in check_private_storage(None)] == ["lms.E002"]
    elsewhere = {"BACKEND": "lms.storage.PrivateFileSystemStorage", "OPTIONS": {"location": tmp_path}}
    with override_settings(STORAGES={**base, PRIVATE_STORAGE: elsewhere}):
        assert check_private_storage(None) == []
