"""Everything the plugin serves outside Wagtail's page tree, for a host site to include at its root:
the API under /api/v1/, the quiz pages under /quizzes/, the learner's records under /learn/,
certificate verification under /verify/, the Open Badges issuer's DID document, keys and status
lists under /credentials/ (docs/credentials.md), single sign-on under /sso/ and the LTI tool under /lti/
(docs/install.md)."""

from django.urls import include, path

from .credentials import views as credentials
from .views import account, learning, records

learner_patterns = (
    [
        path("learn/", records.dashboard, name="dashboard"),
        path("learn/transcript/", records.transcript_view, name="transcript"),
        path("learn/my-data.json", records.my_data, name="my_data"),
        path("learn/account/boards/", learning.board_certifications_view, name="boards"),
        path("learn/account/nabp/", learning.nabp_details_view, name="pharmacy_identity"),
        path("learn/account/email/<str:token>/", account.confirm_email_change, name="confirm_email_change"),
        path("learn/courses/<int:course_id>/enrol/", learning.enrol_view, name="enrol"),
        path("learn/courses/<int:course_id>/pre-test/", learning.pre_test_view, name="pre_test"),
        path("learn/courses/<int:course_id>/pre-test/skip/", learning.skip_pre_test_view, name="skip_pre_test"),
        path("learn/courses/<int:course_id>/evaluation/", learning.evaluation_view, name="evaluation"),
        path("learn/courses/<int:course_id>/claim/", learning.claim_view, name="claim"),
        path("learn/modules/<int:module_id>/complete/", learning.complete_module_view, name="complete_module"),
        path("learn/certificates/<str:code>.pdf", records.certificate_pdf, name="certificate_pdf"),
        path("learn/certificates/<str:code>/badge.json", credentials.badge_json, name="badge_json"),
        path("learn/certificates/<str:code>/badge.jwt", credentials.badge_jwt, name="badge_jwt"),
        path("learn/certificates/<str:code>/badge.svg", credentials.badge_svg, name="badge_svg"),
        path("learn/badge-recipient/", credentials.badge_recipient, name="badge_recipient"),
        path("verify/", records.verify_form, name="verify_form"),
        path("verify/<str:code>/", records.verify, name="verify"),
        path("credentials/did.json", credentials.did_json, name="credentials_did"),
        path("credentials/jwks.json", credentials.jwks_json, name="credentials_jwks"),
        path("credentials/status/<int:number>", credentials.status_list, name="credentials_status_list"),
    ],
    "lms",
)

urlpatterns = [
    path("api/v1/", include("lms.api.urls")),
    path("sso/", include("lms.sso.urls")),
    path("lti/", include("lms.lti.urls")),
    path("quizzes/", include("quizzes.urls")),
    path("", include(learner_patterns)),
]
