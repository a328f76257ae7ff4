"""The routes the OpenAPI document describes: the API's operations, at the address lms.urls serves
them. Nothing else of the site (Wagtail's own APIs, a host's DRF views) is walked."""

from django.urls import include, path

from .urls import app_name, operations

urlpatterns = [path("api/v1/", include((operations, app_name)))]
