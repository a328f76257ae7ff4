"""pylti1p3's view of the registered platforms (`LtiPlatform`) and the tool's current key."""

from pylti1p3.deployment import Deployment
from pylti1p3.exception import LtiException
from pylti1p3.registration import Registration
from pylti1p3.tool_config.abstract import ToolConfAbstract

from ..models import LtiPlatform
from . import keys


def find_platform(issuer, client_id):
    platform = LtiPlatform.objects.filter(issuer=issuer, client_id=client_id, is_active=True).first()
    if platform is None:
        raise LtiException(f"No active platform is registered with issuer {issuer} and client id {client_id}.")
    return platform


class PlatformToolConf(ToolConfAbstract):
    """Every issuer may have several client ids (registrations), as pylti1p3 recommends."""

    def check_iss_has_one_client(self, iss):
        return False

    def check_iss_has_many_clients(self, iss):
        return True

    def find_registration_by_issuer(self, iss, *args, **kwargs):
        raise LtiException("A platform is found by its issuer and client id.")

    def find_deployment(self, iss, deployment_id):
        raise LtiException("A deployment is found by its issuer, client id and deployment id.")

    def find_registration_by_params(self, iss, client_id, *args, **kwargs):
        platform = find_platform(iss, client_id)
        key = keys.current_key()
        registration = Registration()
        registration.set_issuer(platform.issuer).set_client_id(platform.client_id)
        registration.set_auth_login_url(platform.auth_login_url).set_auth_token_url(platform.auth_token_url)
        registration.set_auth_audience(platform.auth_audience or None).set_key_set_url(platform.jwks_url)
        registration.set_tool_private_key(keys.private_pem(key)).set_tool_public_key(keys.public_pem(key))
        return registration

    def find_deployment_by_params(self, iss, deployment_id, client_id, *args, **kwargs):
        platform = find_platform(iss, client_id)
        if deployment_id not in platform.deployment_ids:
            return None
        return Deployment().set_deployment_id(deployment_id)

    def get_jwks(self, iss=None, client_id=None, **kwargs):
        return keys.jwks()
