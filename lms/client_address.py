"""The address of the client behind the society's own reverse proxies: one answer for the sign-in
lockout (AXES_CLIENT_IP_CALLABLE) and the API throttles.

Each proxy appends the address it received the request from to X-Forwarded-For, so with N
trusted proxies the client is the N-th address from the right, the one our outermost proxy saw.
Everything left of it was written by the client and proves nothing: taking the left-most address
would let anyone choose their own lockout and throttle key. With no trusted proxies
(CME_TRUSTED_PROXY_COUNT = 0, the default) the header is ignored and the peer's address is the
client.
"""

import ipaddress

from django.conf import settings


def trusted_proxy_count() -> int:
    return getattr(settings, "CME_TRUSTED_PROXY_COUNT", 0)


def client_address(request) -> str | None:
    """The client's IP address, normalised (one spelling per address), or None if the request has none."""
    peer = request.META.get("REMOTE_ADDR")
    proxies = trusted_proxy_count()
    if proxies:
        forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        # Fewer hops than proxies: the request did not come through all of them (or came around
        # them), so the header's left part is the client's own writing; the peer is what we know.
        if len(forwarded) >= proxies and (address := _address(forwarded[-proxies])):
            return address
    return _address(peer)


def _address(value) -> str | None:
    value = (value or "").strip()
    # Some proxies write the client's port too: "203.0.113.7:51234", "[2001:db8::7]:51234".
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None
