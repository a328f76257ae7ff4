from django.urls import path, register_converter
from rest_framework.routers import SimpleRouter

from .converters import RecordIdConverter
from .rate_limit_headers import rate_limited
from .schema import DocsView, SchemaView
from .views import certificates, feed, me, member_batches, portal
from .views.catalog import CatalogViewSet
from .views.members import MemberViewSet

register_converter(RecordIdConverter, "record_id")

app_name = "api"

router = SimpleRouter(trailing_slash=True)
router.register("catalog", CatalogViewSet, basename="catalog")
router.register("members", MemberViewSet, basename="member")

# Every operation of the API, as the OpenAPI document describes them (documented_urls.py).
operations = [
    *router.urls,
    path("completions/feed/", feed.CompletionsFeedView.as_view(), name="completions-feed"),
    path("member-batches/", member_batches.MemberBatchView.as_view(), name="member-batches"),
    path("portal/", portal.PortalView.as_view(), name="portal"),
    path("events/", portal.EventListView.as_view(), name="events"),
    path("certificates/<str:code>/verify/", certificates.CertificateVerifyView.as_view(), name="certificate-verify"),
    path("certificates/<str:code>/pdf/", certificates.CertificatePdfView.as_view(), name="certificate-pdf"),
    path(
        "certificates/<str:code>/credential/",
        certificates.CertificateCredentialView.as_view(),
        name="certificate-credential",
    ),
    path("me/progress/", me.MyProgressView.as_view(), name="me-progress"),
    path("me/courses/<record_id:course_id>/enrol/", me.EnrolView.as_view(), name="me-enrol"),
    path("me/courses/<record_id:course_id>/evaluation/", me.EvaluationView.as_view(), name="me-evaluation"),
    path("me/courses/<record_id:course_id>/claims/", me.ClaimView.as_view(), name="me-claims"),
    path("me/modules/<record_id:module_id>/complete/", me.CompleteModuleView.as_view(), name="me-complete-module"),
    path("me/quizzes/<record_id:quiz_id>/attempts/", me.StartAttemptView.as_view(), name="me-start-attempt"),
    path("me/attempts/<record_id:attempt_id>/", me.AttemptView.as_view(), name="me-attempt"),
    path("me/attempts/<record_id:attempt_id>/submit/", me.SubmitAttemptView.as_view(), name="me-submit-attempt"),
]

urlpatterns = rate_limited(
    [
        *operations,
        path("schema/", SchemaView.as_view(), name="schema"),
        path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    ]
)
