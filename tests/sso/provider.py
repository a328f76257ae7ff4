"""A real OpenID Connect provider for the tests: oidc-provider-mock, run as its own process."""

import socket
import subprocess
import sys
import time
from urllib.parse import parse_qs, urlsplit

import requests

CLIENT_ID = "cme-site"
CLIENT_SECRET = "cme-site-secret"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The provider's command line, with its clock set back by the given seconds first.
RUN_WITH_CLOCK_BEHIND = (
    "import runpy, sys, time; behind = float(sys.argv.pop(1)); real = time.time; "
    "time.time = lambda: real() - behind; runpy.run_module('oidc_provider_mock', run_name='__main__')"
)


class Provider:
    def __init__(self, clock_behind=0):
        """`clock_behind`: seconds the provider's clock is slow; its tokens are that much older on arrival."""
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-c", RUN_WITH_CLOCK_BEHIND, str(clock_behind), "--port", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(self.url + "/.well-known/openid-configuration", timeout=1).raise_for_status()
                break
            except requests.RequestException:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"oidc-provider-mock did not start on port {self.port}") from None
                time.sleep(0.1)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def settings(self, **overrides):
        """The site's LMS["OIDC"] block for this provider."""
        return {"DISCOVERY_URL": self.url, "CLIENT_ID": CLIENT_ID, "CLIENT_SECRET": CLIENT_SECRET, **overrides}

    def set_user(self, sub, **claims):
        requests.put(f"{self.url}/users/{sub}", json=claims, timeout=5).raise_for_status()

    def authorize(self, authorization_url, sub):
        """What the provider's sign-in form does for `sub`: the redirect back to the site, with code and state."""
        reply = requests.post(authorization_url, data={"sub": sub}, allow_redirects=False, timeout=5)
        assert reply.status_code == 302, reply.text
        return reply.headers["Location"]


def query(url):
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def path_and_query(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
