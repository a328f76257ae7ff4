from django.urls import path
from rest_framework.permissions import AllowAny
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cme_site.urls import urlpatterns as site_urlpatterns

from .ceiling import CeilingView


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages API as a public site serves it (the project's default is signed-in only)."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []


wagtail_api = WagtailAPIRouter("wagtailapi")
wagtail_api.register_endpoint("pages", PublicPagesAPIViewSet)

urlpatterns = [
    path("bench/ceiling/", CeilingView.as_view()),
    path("api/v2/", wagtail_api.urls),
    *site_urlpatterns,
]
