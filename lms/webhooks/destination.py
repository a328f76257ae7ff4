"""Where a webhook may be sent: public internet addresses only.

A portal's webhook URL is chosen outside the society, and the delivery worker POSTs to it from
inside the society's network. Without a check, a URL naming 127.0.0.1, a database host on
10.0.0.0/8 or the cloud metadata service at 169.254.169.254 turns the worker into a way in. So
the URL is checked twice: when it is saved (`validate_webhook_url`, a model validator, so the
admin form shows the error), which catches addresses and local names written into the URL; and
when each event is sent (`resolve`), after the name is resolved, because DNS answers change.

The connection then goes to the address that was checked (`PinnedAddressAdapter`), never to a
second resolution of the name: otherwise a name could answer a public address to the check and
127.0.0.1 to the connection a moment later (DNS rebinding).
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import idna
import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from requests.adapters import HTTPAdapter

DEFAULT_PORTS = {"http": 80, "https": 443}
CARRIER_GRADE_NAT = ipaddress.ip_network("100.64.0.0/10")
NAT64 = ipaddress.ip_network("64:ff9b::/96")
LOOPBACK_NAMES = ("localhost",)
# Names that only mean something on a local network: mDNS (.local), the private-use top-level
# domain where clouds put their metadata service (.internal, metadata.google.internal), home
# networks (.home.arpa) and the conventional .localdomain.
LOCAL_NAMES = ("local", "internal", "home.arpa", "localdomain")


class UnsafeDestination(ValueError):
    """The URL may not receive webhooks; the message says why, for the admin form and the delivery log."""


def loopback_allowed() -> bool:
    """Test receivers on this machine (the test suite, `make run`); never in production."""
    return getattr(settings, "CME_WEBHOOK_ALLOW_LOOPBACK", False)


def http_allowed() -> bool:
    return getattr(settings, "CME_WEBHOOK_ALLOW_HTTP", False)


def _under(name: str, domains) -> bool:
    return any(name == domain or name.endswith("." + domain) for domain in domains)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for, if any: a socket connects to that one."""
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)
    return address.sixtofour


def address_refusal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why `address` may not receive webhooks, or None for a public unicast address."""
    if address.version == 6 and (embedded := _embedded_ipv4(address)):
        return address_refusal(embedded)
    if address.is_loopback:
        return None if loopback_allowed() else "a loopback address"
    if address.is_unspecified:
        return "the unspecified address"
    if address.is_link_local:
        return "a link-local address (where cloud metadata services answer)"
    if address.is_multicast:
        return "a multicast address"
    if address in CARRIER_GRADE_NAT:
        return "a carrier-grade NAT address"
    if address.version == 6 and address.is_site_local:
        return "a site-local address"
    if address.is_reserved:
        return "a reserved address"
    if address.is_private:
        return "a private address"
    if not address.is_global:
        return "a reserved address"
    return None


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # lower case, without brackets or a trailing dot
    port: int

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"

    @property
    def is_address(self) -> bool:
        return _literal_address(self.host) is not None


def _literal_address(host):
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _refuse_address(host, address, resolved=False):
    reason = address_refusal(address)
    if reason:
        where = f"{host} resolves to {address}, {reason}" if resolved else f"{host} is {reason}"
        raise UnsafeDestination(f"{where}; webhooks go only to public internet addresses.")


def check_url(url: str) -> Target:
    """The scheme, host and port of a webhook URL, or UnsafeDestination. Names are not resolved."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise UnsafeDestination("A webhook URL must start with https://.")
    if scheme == "http" and not http_allowed():
        raise UnsafeDestination(
            "A webhook URL must start with https://: events carry members' records "
            "and are signed with the portal's secret."
        )
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError:
        raise UnsafeDestination("The webhook URL's port is not a number from 1 to 65535.") from None
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise UnsafeDestination("A webhook URL must name a host.")
    address = _literal_address(host)
    if address is None and not host.isascii():
        # As requests writes it (IDNA 2008), so the name checked, resolved and sent is one name.
        try:
            host = idna.encode(host, uts46=True).decode("ascii")
        except idna.IDNAError:
            raise UnsafeDestination(f"{host} is not a valid host name.") from None
    if address is not None:
        _refuse_address(host, address)
    elif _under(host, LOOPBACK_NAMES):
        if not loopback_allowed():
            raise UnsafeDestination(f"{host} names this machine; webhooks go only to public internet addresses.")
    elif _under(host, LOCAL_NAMES) or "." not in host:
        # A single-label name is completed by the server's own search domains: an inside name.
        raise UnsafeDestination(f"{host} is a local network name; webhooks go only to public internet addresses.")
    return Target(scheme, host, port)


def validate_webhook_url(value: str) -> None:
    """Model validator for PortalClient.webhook_url."""
    if not value:
        return
    try:
        check_url(value)
    except UnsafeDestination as refusal:
        raise ValidationError(str(refusal), code="unsafe_webhook_url") from None


def addresses(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to now, in the resolver's order of preference."""
    return list(dict.fromkeys(info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)))


@dataclass(frozen=True)
class Destination:
    target: Target
    address: ipaddress.IPv4Address | ipaddress.IPv6Address


def resolve(url: str) -> Destination:
    """Check the URL, resolve its host and check every address it has now.

    UnsafeDestination if the URL or any address is refused (a name answering one public and one
    private address is refused: which one a connection would get is not ours to choose);
    socket.gaierror if the name does not resolve.
    """
    target = check_url(url)
    if target.is_address:
        return Destination(target, _literal_address(target.host))
    found = [ipaddress.ip_address(address) for address in addresses(target.host, target.port)]
    for address in found:
        _refuse_address(target.host, address, resolved=True)
    return Destination(target, found[0])


class PinnedAddressAdapter(HTTPAdapter):
    """A requests transport that connects to the checked address, whatever the name resolves to later.

    urllib3 is handed the address as the host to connect to; for HTTPS it is also told the name
    to send in SNI (`server_hostname`) and to verify the certificate against (`assert_hostname`),
    and the Host header carries the name: the receiver sees exactly the request it would get
    had we connected by name, and certificate verification is as strict as ever.
    """

    def __init__(self, destination: Destination):
        self.destination = destination
        super().__init__(max_retries=0)

    def get_connection_with_tls_context(self, request, verify, proxies=None, cert=None):
        target = self.destination.target
        _, pool_kwargs = self.build_connection_pool_key_attributes(request, verify, cert)
        if target.scheme == "https" and not target.is_address:
            pool_kwargs = {**pool_kwargs, "server_hostname": target.host, "assert_hostname": target.host}
        return self.poolmanager.connection_from_host(
            scheme=target.scheme, host=str(self.destination.address), port=target.port, pool_kwargs=pool_kwargs
        )

    def add_headers(self, request, **kwargs):
        request.headers["Host"] = self.destination.target.host_header


def pinned_session(destination: Destination) -> requests.Session:
    """A session whose every request goes to `destination.address`. The environment's proxy
    variables and .netrc are ignored (trust_env): a proxy would resolve the name itself."""
    session = requests.Session()
    session.trust_env = False
    adapter = PinnedAddressAdapter(destination)
    for prefix in ("http://", "https://"):
        session.mount(prefix, adapter)
    return session
