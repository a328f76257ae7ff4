from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [
    path("cms/", include(wagtailadmin_urls)),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("lms.urls")),
    path("learn/", include(wagtail_urls)),
]
