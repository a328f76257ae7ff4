"""Requests to a platform (its keyset, token and grade endpoints): never without a timeout, never redirected."""

import requests

TIMEOUT = 10  # seconds per connect and per read


class PlatformSession(requests.Session):
    """pylti1p3 sends without a timeout; a platform that never answers must not hold a worker or a request."""

    def request(self, method, url, **kwargs):
        kwargs.setdefault("timeout", TIMEOUT)
        kwargs.setdefault("allow_redirects", False)
        return super().request(method, url, **kwargs)
