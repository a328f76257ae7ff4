"""The rules: a badge is issued with each certificate, in the same transaction, and never changed
afterwards; the DID a learner gives is used for the badges issued from then on."""

import re

from django.db import IntegrityError, transaction

from content.refusals import Refused

from ..models import CredentialRecipient, OpenBadgeCredential
from . import keys
from .openbadge import build_credential
from .status import free_position, status_entry
from .vc_jwt import sign_credential

# W3C DID syntax: did:<method>:<method-specific id>, the id of idchars and percent-escapes in parts.
DID_PATTERN = re.compile(r"did:[a-z0-9]+:(?:(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})*:)*(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})+")
# Two issuances picking the same free status bit at once: the loser picks again.
POSITION_TRIES = 5


def _create(certificate, signing_key):
    number, index = free_position()
    credential = build_credential(certificate, status_entry(number, index))
    with transaction.atomic():
        return OpenBadgeCredential.objects.create(
            certificate=certificate,
            credential=credential,
            compact_jws=sign_credential(credential, signing_key),
            signing_key=signing_key,
            status_list=number,
            status_index=index,
        )


def issue_open_badge(certificate):
    """Sign and store the certificate's OpenBadgeCredential; called by issue_certificate inside its
    transaction, so the certificate and its badge commit together or not at all."""
    signing_key = keys.current_key()
    for _ in range(POSITION_TRIES - 1):
        try:
            return _create(certificate, signing_key)
        except IntegrityError:
            continue
    return _create(certificate, signing_key)


def open_badge_of(certificate):
    """The certificate's badge; one issued before badges existed gets its badge now, dated as the
    certificate, since that only adds to what the learner holds. None for a certificate whose
    learner was anonymized before it had a badge: there is nobody left to name."""
    existing = OpenBadgeCredential.objects.filter(certificate=certificate).first()
    if existing is not None or not certificate.pdf:
        return existing
    try:
        with transaction.atomic():
            return issue_open_badge(certificate)
    except IntegrityError:
        return OpenBadgeCredential.objects.get(certificate=certificate)


def set_recipient_did(member, did):
    """Name `did` in the member's future badges; an empty value goes back to the hashed e-mail."""
    did = (did or "").strip()
    if not did:
        CredentialRecipient.objects.filter(member=member).delete()
        return None
    if len(did) > CredentialRecipient._meta.get_field("did").max_length or not DID_PATTERN.fullmatch(did):
        raise Refused("Give a DID such as did:web:example.org or did:key:z6Mk…, as your wallet shows it.", field="did")
    recipient, _ = CredentialRecipient.objects.update_or_create(member=member, defaults={"did": did})
    return recipient
