"""Open Badges 3.0 credentials: the society's signing keys, the credential issued beside each
certificate, and the DID a learner asks their badges to name (lms/credentials/, docs/credentials.md)."""

from django.db import models
from django.db.models import Q

from .member import Member
from .records import Certificate


class CredentialSigningKey(models.Model):
    """One of the society's Ed25519 keys. The private half is stored only encrypted (PKCS#8 under a
    passphrase derived from SECRET_KEY) and never leaves lms/credentials/keys.py; the public half
    stays published after the key is retired, so credentials it signed keep verifying."""

    key_id = models.CharField(max_length=64, unique=True, help_text="The RFC 7638 thumbprint; the DID URL fragment.")
    public_jwk = models.JSONField()
    encrypted_private_key = models.BinaryField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(
        null=True, blank=True, help_text="Signs nothing new after this; still published for verification."
    )

    class Meta:
        verbose_name = "credential signing key"
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["retired_at"], condition=Q(retired_at__isnull=True), name="one_current_credential_key"
            ),
        ]

    def __str__(self):
        return self.key_id


class OpenBadgeCredential(models.Model):
    """The verifiable credential issued with a certificate: the JSON and its VC-JWT, frozen at issue,
    and the certificate's place in a Bitstring Status List."""

    certificate = models.OneToOneField(Certificate, on_delete=models.PROTECT, related_name="open_badge")
    credential = models.JSONField(help_text="The OpenBadgeCredential as signed.")
    compact_jws = models.TextField(help_text="The credential signed as a VC-JWT (compact JWS).")
    signing_key = models.ForeignKey(CredentialSigningKey, on_delete=models.PROTECT, related_name="credentials")
    status_list = models.PositiveIntegerField()
    status_index = models.PositiveIntegerField()
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Open Badges credential"
        constraints = [
            models.UniqueConstraint(fields=["status_list", "status_index"], name="one_credential_per_status_bit"),
        ]

    def __str__(self):
        return f"Open Badges credential of certificate #{self.certificate_id}"


class CredentialRecipient(models.Model):
    """A DID the learner gave to be named in the badges issued to them from then on, instead of a
    salted hash of their e-mail address. Badges already issued keep the identifier they were signed with."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="credential_recipient")
    did = models.CharField("DID", max_length=500)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.did
