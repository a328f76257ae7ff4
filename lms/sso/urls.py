from django.urls import path

from . import views

app_name = "sso"

urlpatterns = [
    path("sign-in/", views.SsoSignIn.as_view(), name="sign_in"),
    path("callback/", views.SsoCallback.as_view(), name="callback"),
]
