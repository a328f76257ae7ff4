"""The demo site's root URLs: Wagtail's admin and pages around the plugin's own URLs (lms.urls)."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms.sso import views as sso_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The plugin's sign-in and sign-out: the password form, and single sign-on when LMS["OIDC"] is set.
    path("accounts/login/", sso_views.SignIn.as_view(), name="login"),
    path("accounts/logout/", sso_views.SignOut.as_view(), name="logout"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("lms.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler400 = "lms.api.error_pages.bad_request"
handler404 = "lms.api.error_pages.page_not_found"
handler500 = "lms.api.error_pages.server_error"
