"""Whether an issued badge still stands, published as W3C Bitstring Status Lists.

`credential_status` is the one decision; the status list, the verify page's badge line and the
API all read it. Each credential holds one bit (`statusListIndex`) in a list of 131,072 bits
(16 KB, the smallest the specification allows, so one bit says little about whose it is),
given at random among the free ones; a list that fills up is followed by the next.
"""

import base64
import gzip
import secrets

from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from ..conf import lms_settings
from ..models import OpenBadgeCredential
from . import keys
from .did import issuer_did
from .vc_jwt import sign_credential

LIST_SIZE = 16 * 1024 * 8
PURPOSE = "revocation"


class CredentialStatus(models.TextChoices):
    VALID = "valid", "Valid"
    REVOKED = "revoked", "Revoked"
    SUPERSEDED = "superseded", "Superseded"


def credential_status(certificate):
    """What a verifier is told of the badge issued with `certificate`. A superseded certificate's
    badge no longer states the learner's credit (a later claim added to it), so the status list
    withdraws it as it does a revoked one; the badge of the current version stands in its place."""
    if certificate.revoked_at is not None:
        return CredentialStatus.REVOKED
    if certificate.superseded_at is not None:
        return CredentialStatus.SUPERSEDED
    return CredentialStatus.VALID


def status_list_url(number):
    return lms_settings.site_url + reverse("lms:credentials_status_list", args=[number])


def free_position():
    """(list number, index): a random free bit of the first list that has one. The unique constraint
    on the pair settles two issuances that pick the same bit at once."""
    counts = dict(
        OpenBadgeCredential.objects.order_by()
        .values("status_list")
        .annotate(n=Count("pk"))
        .values_list("status_list", "n")
    )
    number = 1
    while counts.get(number, 0) >= LIST_SIZE:
        number += 1
    taken = set(OpenBadgeCredential.objects.filter(status_list=number).values_list("status_index", flat=True))
    free = [index for index in range(LIST_SIZE) if index not in taken]
    return number, free[secrets.randbelow(len(free))]


def status_entry(number, index):
    url = status_list_url(number)
    return {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": PURPOSE,
        "statusListIndex": str(index),
        "statusListCredential": url,
    }


def encoded_list(number):
    """The list's bits, index 0 the first (most significant) bit of the first byte, GZIP-compressed
    and written as a multibase base64url string ('u', no padding)."""
    bits = bytearray(LIST_SIZE // 8)
    credentials = OpenBadgeCredential.objects.filter(status_list=number).select_related("certificate")
    for credential in credentials:
        if credential_status(credential.certificate) is not CredentialStatus.VALID:
            bits[credential.status_index // 8] |= 0x80 >> (credential.status_index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")


def status_list_credential(number):
    """The list as a BitstringStatusListCredential, and signed as a VC-JWT with the current key.
    Signed afresh on each request, so a revocation counts from the next fetch."""
    url = status_list_url(number)
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did(),
        "validFrom": timezone.now().replace(microsecond=0).isoformat(),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": PURPOSE,
            "encodedList": encoded_list(number),
        },
    }
    return credential, sign_credential(credential, keys.current_key())
