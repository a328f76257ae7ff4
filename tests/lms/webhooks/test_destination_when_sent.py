"""Webhook URLs are checked again when an event is sent: the name resolved, every answer public,
the connection made to the address that was checked (TLS verified for the name), no redirects
followed, a reply read only up to a few KB."""

import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import requests.adapters

from lms.models import DeliveryStatus
from lms.webhooks import delivery as delivery_module

from .support import deliver, emit_committed, portal

NAME = "portal-hooks.example.org"


@pytest.fixture
def resolver(monkeypatch):
    """DNS as the test says, through the resolver function the delivery calls: `answers[name]`
    lists the addresses of each successive lookup of `name` (the last one repeats); any other
    name resolves for real. `lookups` records the names looked up."""

    class Resolver:
        def __init__(self):
            self.answers = {}
            self.lookups = []

    resolver = Resolver()
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in resolver.answers:
            return real(host, port, *args, **kwargs)
        resolver.lookups.append(host)
        answers = resolver.answers[host]
        addresses = answers[min(len(resolver.lookups), len(answers)) - 1]
        return [
            (
                socket.AF_INET6 if ":" in address else socket.AF_INET,
                socket.SOCK_STREAM,
                socket.IPPROTO_TCP,
                "",
                (address, port),
            )
            for address in addresses
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return resolver


def serve(handler, tls=None):
    """A server on 127.0.0.1 answering with `handler`; returns (server, port). Stopped by the caller."""
    server = HTTPServer(("127.0.0.1", 0), handler)
    if tls:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server, server.server_address[1]


def stop(server):
    server.shutdown()
    server.server_close()


def attempt(capture):
    event = emit_committed(capture)
    return deliver(event.deliveries.get().pk)


# When the event is sent


@pytest.mark.django_db
def test_a_stored_inside_address_is_refused_when_sent(no_loopback, receiver, django_capture_on_commit_callbacks):
    # Stored without validation, as by an import or a row saved before the rule.
    portal("Portal", receiver.url)
    delivery = attempt(django_capture_on_commit_callbacks)
    assert receiver.requests == []
    assert delivery.status == DeliveryStatus.PENDING and delivery.last_status_code is None
    assert delivery.last_error.startswith("Refused: 127.0.0.1 is a loopback address")


@pytest.mark.django_db
def test_the_metadata_address_is_refused_when_sent(django_capture_on_commit_callbacks):
    portal("Portal", "http://169.254.169.254/latest/meta-data/iam/security-credentials/")
    delivery = attempt(django_capture_on_commit_callbacks)
    assert delivery.last_error.startswith("Refused: 169.254.169.254 is a link-local address")


@pytest.mark.django_db
def test_a_name_that_resolves_inside_is_refused_when_sent(
    no_loopback, receiver, resolver, django_capture_on_commit_callbacks
):
    port = receiver.server.server_address[1]
    client = portal("Portal", f"http://{NAME}:{port}/hooks/cme")
    client.full_clean()  # the name passes when saved: only its answer at send time tells
    resolver.answers[NAME] = [["127.0.0.1"]]
    delivery = attempt(django_capture_on_commit_callbacks)
    assert receiver.requests == []
    assert delivery.last_error.startswith(f"Refused: {NAME} resolves to 127.0.0.1, a loopback address")


@pytest.mark.django_db
def test_a_name_with_one_inside_answer_among_public_ones_is_refused(resolver, django_capture_on_commit_callbacks):
    portal("Portal", f"https://{NAME}/hooks/cme")
    resolver.answers[NAME] = [["93.184.215.14", "10.0.0.7"]]
    delivery = attempt(django_capture_on_commit_callbacks)
    assert delivery.last_error.startswith(f"Refused: {NAME} resolves to 10.0.0.7, a private address")


@pytest.mark.django_db
def test_the_connection_goes_to_the_checked_address_not_a_second_answer(
    receiver, resolver, django_capture_on_commit_callbacks
):
    # The name answers the checked address first and an inside address to any later lookup
    # (DNS rebinding). The delivery resolves once and connects to what it checked.
    port = receiver.server.server_address[1]
    portal("Portal", f"http://{NAME}:{port}/hooks/cme")
    resolver.answers[NAME] = [["127.0.0.1"], ["10.255.255.1"]]
    delivery = attempt(django_capture_on_commit_callbacks)
    assert delivery.status == DeliveryStatus.DELIVERED, delivery.last_error
    assert resolver.lookups == [NAME]
    [request] = receiver.requests
    assert request["headers"]["Host"] == f"{NAME}:{port}"


@pytest.mark.django_db
def test_an_international_name_is_resolved_and_sent_in_its_ascii_form(
    receiver, resolver, django_capture_on_commit_callbacks
):
    port = receiver.server.server_address[1]
    portal("Portal", f"http://bücher.example:{port}/hooks/cme")
    resolver.answers["xn--bcher-kva.example"] = [["127.0.0.1"]]
    delivery = attempt(django_capture_on_commit_callbacks)
    assert delivery.status == DeliveryStatus.DELIVERED, delivery.last_error
    assert resolver.lookups == ["xn--bcher-kva.example"]
    assert receiver.requests[0]["headers"]["Host"] == f"xn--bcher-kva.example:{port}"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for NAME only (no address in it), and its key."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            key,
            "-out",
            cert,
            "-subj",
            f"/CN={NAME}",
            "-addext",
            f"subjectAltName=DNS:{NAME}",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


class Accepting(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.django_db
@pytest.mark.parametrize("trusted", [True, False], ids=["trusted certificate", "untrusted certificate"])
def test_https_to_the_checked_address_sends_the_name_and_verifies_the_certificate_for_it(
    trusted, certificate, resolver, monkeypatch, django_capture_on_commit_callbacks
):
    cert, key = certificate
    names = []
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    tls.sni_callback = lambda connection, name, context: names.append(name)
    server, port = serve(Accepting, tls)
    if trusted:
        # The certificate as the site's CA bundle would hold a public CA's.
        monkeypatch.setattr(requests.adapters, "DEFAULT_CA_BUNDLE_PATH", str(cert))
    resolver.answers[NAME] = [["127.0.0.1"]]
    portal("Portal", f"https://{NAME}:{port}/hooks/cme")
    try:
        delivery = attempt(django_capture_on_commit_callbacks)
    finally:
        stop(server)
    assert names == [NAME], "SNI names the host, not the address"
    if trusted:
        assert delivery.status == DeliveryStatus.DELIVERED, delivery.last_error
    else:
        assert delivery.last_error.startswith("SSLError") and "certificate verify failed" in delivery.last_error


# Redirects and replies


@pytest.mark.django_db
def test_a_redirect_is_not_followed_and_says_so(receiver, django_capture_on_commit_callbacks):
    class Redirecting(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(307)
            self.send_header("Location", receiver.url)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server, port = serve(Redirecting)
    portal("Portal", f"http://127.0.0.1:{port}/old-hook")
    try:
        delivery = attempt(django_capture_on_commit_callbacks)
    finally:
        stop(server)
    assert receiver.requests == []
    assert (delivery.status, delivery.last_status_code) == (DeliveryStatus.PENDING, 307)
    assert delivery.last_error == (
        f"HTTP 307 Temporary Redirect: redirects are not followed (Location: {receiver.url}); "
        "set the webhook URL to the final address."
    )


HUGE = 64 * 1024 * 1024


def endless_reply(status, pause=0.0):
    """A handler answering `status` with a 64 MB body (written slowly if `pause`); it records how
    much it managed to write before the worker hung up."""

    class Endless(BaseHTTPRequestHandler):
        written = 0
        done = threading.Event()

        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(status)
            self.send_header("Content-Length", str(HUGE))
            self.end_headers()
            chunk = b"x" * (1 if pause else 65536)
            # A slow writer gives up after a while, so a worker that waits for it all is seen to wait.
            until = time.monotonic() + (6 if pause else 60)
            try:
                while Endless.written < HUGE and time.monotonic() < until:
                    self.wfile.write(chunk)
                    self.wfile.flush()
                    Endless.written += len(chunk)
                    time.sleep(pause)
            except OSError:
                pass
            finally:
                Endless.done.set()

        def log_message(self, *args):
            pass

    return Endless


@pytest.mark.django_db
@pytest.mark.parametrize("status", [200, 500])
def test_a_huge_reply_is_cut_off(status, django_capture_on_commit_callbacks):
    handler = endless_reply(status)
    server, port = serve(handler)
    portal("Portal", f"http://127.0.0.1:{port}/hook")
    try:
        delivery = attempt(django_capture_on_commit_callbacks)
        assert handler.done.wait(10)
    finally:
        stop(server)
    assert delivery.last_status_code == status
    assert handler.written < HUGE / 4, "the worker hung up instead of reading the reply"
    if status == 500:
        assert delivery.last_error.startswith("HTTP 500 Internal Server Error: xxxx")


@pytest.mark.django_db
def test_a_reply_trickling_in_is_not_waited_for(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(delivery_module, "TIMEOUT", 1)
    handler = endless_reply(500, pause=0.05)
    server, port = serve(handler)
    portal("Portal", f"http://127.0.0.1:{port}/hook")
    started = time.monotonic()
    try:
        delivery = attempt(django_capture_on_commit_callbacks)
        elapsed = time.monotonic() - started
    finally:
        stop(server)
    assert elapsed < 4, "reading stops at the deadline though every byte arrives within the read timeout"
    assert delivery.last_error.startswith("HTTP 500 Internal Server Error: x")
