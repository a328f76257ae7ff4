"""request.user for a portal: authenticated, not a Django user, never a learner."""


class PortalPrincipal:
    is_authenticated = True
    is_anonymous = False
    is_staff = False
    is_superuser = False
    pk = None

    def __init__(self, api_key, requests_in_window=None):
        self.api_key = api_key
        self.client = api_key.client
        # Counted while the key was looked up (lms/api/throttling.py, PortalKeyThrottle).
        self.requests_in_window = requests_in_window

    def __str__(self):
        return f"portal {self.client.name}"
