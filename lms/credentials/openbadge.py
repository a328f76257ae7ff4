"""What an Open Badges 3.0 `OpenBadgeCredential` of a certificate says.

Everything printed on the certificate comes from its snapshot, frozen at issue; what the
certificate does not print (the activity's summary and completion rule) comes from the activity.
"""

import hashlib
import secrets
import uuid

from django.urls import reverse

from courses.models import CMEStatementSettings

from ..conf import lms_settings
from ..models import CredentialRecipient
from .did import issuer_did

CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
SCHEMA = {
    "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
    "type": "1EdTechJsonSchemaValidator2019",
}
CREDIT_RESULT_TYPE = "ext:CMECredit"


def credential_url(code):
    return lms_settings.site_url + reverse("api:certificate-credential", args=[code])


def _iso(moment):
    return moment.replace(microsecond=0).isoformat()


def hashed_email(email, salt):
    """Open Badges' IdentityHash of an e-mail address: sha256 over the lower-cased address followed
    by the salt, in hexadecimal, after 'sha256$'."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


def completion_rule(course):
    steps = ["complete every required module"]
    if course.completion_requires_post_test:
        steps.append("pass the post-test")
    if course.completion_requires_evaluation:
        steps.append("submit the evaluation")
    steps.append("claim credit, attesting to the time spent")
    return "To earn this, a learner must " + ", ".join(steps[:-1]) + " and " + steps[-1] + "."


def valid_until(course, completion):
    """When the badge stops being valid: never, unless the activity says otherwise. CME credit
    earned does not lapse; a site whose activity type has a validity (a recertification, say)
    gives its `CoursePage` subclass a `credential_valid_until(completion)` returning a datetime."""
    rule = getattr(course, "credential_valid_until", None)
    return rule(completion) if rule is not None else None


def _recipient(member):
    recipient = CredentialRecipient.objects.filter(member=member).first()
    if recipient is not None:
        return {"id": recipient.did}
    # A subject id is what the JWT's `sub` repeats; a fresh one per badge links no two badges.
    subject = {"id": f"urn:uuid:{uuid.uuid4()}"}
    if member.email:
        salt = secrets.token_hex(16)
        subject["identifier"] = [
            {
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": True,
                "identityHash": hashed_email(member.email, salt),
                "salt": salt,
            }
        ]
    return subject


def printed_results(snapshot):
    """[{"name", "value"}]: each credit, each board's MOC and the hours of participation the
    certificate states, in its order (MOC and participation are absent from older snapshots)."""
    results = [{"name": credit["credit_type"], "value": credit["amount"]} for credit in snapshot["credits"]]
    results += [
        {"name": f"{moc['board']} MOC: {moc['moc_type']}", "value": moc["points"]} for moc in snapshot.get("moc", [])
    ]
    if snapshot.get("participation"):
        results.append({"name": "Hours of participation", "value": snapshot["participation"]["hours"]})
    return results


def build_credential(certificate, status_entry):
    completion = certificate.completion
    course = completion.course.specific
    snapshot = certificate.snapshot
    statements = CMEStatementSettings.for_site(course.get_site())
    achievement_id = f"urn:uuid:{course.translation_key}"
    credits = printed_results(snapshot)
    description = "\n\n".join(
        [course.summary, snapshot["accreditation_statement"], *snapshot["designation_statements"]]
    )
    credential = {
        "@context": CONTEXTS,
        "id": credential_url(certificate.code),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": snapshot["activity_title"],
        "issuer": {
            "id": issuer_did(),
            "type": ["Profile"],
            "name": snapshot["provider"],
            "url": lms_settings.site_url + "/",
            "email": statements.contact_email,
        },
        "validFrom": _iso(certificate.issued_at),
        "credentialSubject": {
            **_recipient(completion.member),
            "type": ["AchievementSubject"],
            "activityEndDate": _iso(completion.completed_at),
            "achievement": {
                "id": achievement_id,
                "type": ["Achievement"],
                "achievementType": "CertificateOfCompletion",
                "name": snapshot["activity_title"],
                "description": description,
                "criteria": {"narrative": completion_rule(course)},
                "resultDescription": [
                    {
                        "id": f"{achievement_id}#credit-{position}",
                        "type": ["ResultDescription"],
                        "name": credit["name"],
                        "resultType": CREDIT_RESULT_TYPE,
                    }
                    for position, credit in enumerate(credits, start=1)
                ],
            },
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": f"{achievement_id}#credit-{position}",
                    "value": credit["value"],
                }
                for position, credit in enumerate(credits, start=1)
            ],
        },
        "credentialStatus": status_entry,
        "credentialSchema": [SCHEMA],
    }
    until = valid_until(course, completion)
    if until is not None:
        credential["validUntil"] = _iso(until)
    return credential
