"""The audit-log actions lms writes, with the labels Wagtail's history and reports show for them."""

from quizzes.services.grants import GRANT_ACTION

from ..cpe_monitor.reporting import EXPORT_ACTION as CPE_MONITOR_EXPORT_ACTION
from ..imports.apply import IMPORT_ACTION
from ..services.account_email import CHANGE_CONFIRMED_ACTION, CHANGE_REQUESTED_ACTION
from ..services.boards import BOARD_CERTIFICATION_ACTION
from ..services.certificates import ISSUE_ACTION, REVOKE_ACTION, SUPERSEDE_ACTION
from ..services.credit import CLAIM_ACTION, MOC_ACTION, PARTICIPATION_ACTION
from ..services.manual import MANUAL_COMPLETION_ACTION
from ..services.members import ANONYMIZE_ACTION
from ..services.nabp import NABP_DETAILS_ACTION
from ..services.pars_batches import EXPORT_ACTION as PARS_EXPORT_ACTION
from ..services.pars_batches import SETTINGS_ACTION as PARS_SETTINGS_ACTION
from ..services.portal_keys import REVOKE_KEY_ACTION, ROTATE_KEY_ACTION, WEBHOOK_ROTATION_ACTION
from ..services.retention import REMOVE_ACTION, VIEW_ACTION
from ..sso.linking import LINKED_ACTION
from ..webhooks.outbox import PING_ACTION

# (action, label, message)
LOG_ACTIONS = [
    (REVOKE_ACTION, "Revoke certificate", "Certificate revoked"),
    (CLAIM_ACTION, "Claim credit", "Credit claimed"),
    (MOC_ACTION, "Claim MOC", "MOC points claimed for a board"),
    (PARTICIPATION_ACTION, "Record participation", "Participation recorded, no credit claimed"),
    (ISSUE_ACTION, "Issue certificate", "Certificate issued"),
    (SUPERSEDE_ACTION, "Supersede certificate", "Certificate superseded by a later version"),
    (BOARD_CERTIFICATION_ACTION, "Save board certification", "Board certification and consent saved"),
    (NABP_DETAILS_ACTION, "Save NABP details", "NABP e-Profile ID and birth day saved"),
    (ANONYMIZE_ACTION, "Anonymize member", "Member anonymized"),
    (VIEW_ACTION, "View retained record", "Retained record of an anonymized member viewed"),
    (REMOVE_ACTION, "Delete retained record", "Retention window ended; retained record deleted"),
    (REVOKE_KEY_ACTION, "Revoke API key", "API key revoked"),
    (ROTATE_KEY_ACTION, "Rotate API key", "API key rotated; the old key expires after the overlap"),
    (WEBHOOK_ROTATION_ACTION, "Rotate webhook secret", "Webhook secret rotated"),
    (PING_ACTION, "Send test webhook", "Test webhook event queued"),
    (CHANGE_REQUESTED_ACTION, "Request e-mail change", "New e-mail waits for confirmation"),
    (CHANGE_CONFIRMED_ACTION, "Confirm e-mail change", "New e-mail confirmed by the member"),
    (LINKED_ACTION, "Link society sign-in", "Linked to the society's sign-in"),
    (PARS_EXPORT_ACTION, "PARS export", "PARS learner file downloaded"),
    (CPE_MONITOR_EXPORT_ACTION, "CPE Monitor export", "CPE Monitor batch file downloaded"),
    (PARS_SETTINGS_ACTION, "PARS settings", "PARS activity id and options saved"),
    (IMPORT_ACTION, "Import members", "Members imported from a CSV file"),
    (GRANT_ACTION, "Grant extra attempt", "Extra quiz attempt granted"),
    (MANUAL_COMPLETION_ACTION, "Record completion by hand", "Completion recorded by hand"),
]
