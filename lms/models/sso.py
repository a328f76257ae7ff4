from django.conf import settings
from django.db import models


class SsoLink(models.Model):
    """The provider account (issuer and subject) that signs in as this account, fixed at the first sign-in.

    Later sign-ins with the same subject must name the same member; the account takes no password.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_link")
    issuer = models.CharField(max_length=255)
    subject = models.CharField(max_length=255)
    linked_at = models.DateTimeField(auto_now_add=True)
    last_sign_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "single sign-on link"
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="sso_link_one_account_per_subject")]

    def __str__(self):
        return f"Single sign-on link of account {self.user_id}"
