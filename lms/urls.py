"""Everything the plugin serves outside Wagtail's page tree, for a host site to include at its root:
the API under /api/v1/, the quiz pages under /quizzes/, the learner's records under /learn/,
certificate verification under /verify/, single sign-on under /sso/ and the LTI tool under /lti/
(docs/install.md)."""

from django.urls import include, path

from .views import account, learning, records

learner_patterns = (
    [
        path("learn/", records.dashboard, name="dashboard"),
        path("learn/transcript/", records.transcript_view, name="transcript"),
        path("learn/my-data.json", records.my_data, name="my_data"),
        path("learn/account/email/<str:token>/", account.confirm_email_change, name="confirm_email_change"),
        path("learn/courses/<int:course_id>/enrol/", learning.enrol_view, name="enrol"),
        path("learn/courses/<int:course_id>/pre-test/", learning.pre_test_view, name="pre_test"),
        path("learn/courses/<int:course_id>/pre-test/skip/", learning.skip_pre_test_view, name="skip_pre_test"),
        path("learn/courses/<int:course_id>/evaluation/", learning.evaluation_view, name="evaluation"),
        path("learn/courses/<int:course_id>/claim/", learning.claim_view, name="claim"),
        path("learn/modules/<int:module_id>/complete/", learning.complete_module_view, name="complete_module"),
        path("learn/certificates/<str:code>.pdf", records.certificate_pdf, name="certificate_pdf"),
        path("verify/", records.verify_form, name="verify_form"),
        path("verify/<str:code>/", records.verify, name="verify"),
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
