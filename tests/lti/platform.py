"""A learning platform simulated in the suite: its own keys and JWKS, a token endpoint, and an AGS endpoint,
served over HTTP on 127.0.0.1; it signs launches the way Moodle or Canvas does."""

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from lms.models import LtiPlatform

CLIENT_ID = "cme-tool"
DEPLOYMENT_ID = "deployment-1"
LTI = "https://purl.imsglobal.org/spec/lti/claim/"
AGS_SCOPES = [
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
]


class Platform:
    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = uuid.uuid4().hex
        self.down = False
        self.scores = []  # (line item path, score document, bearer token) the AGS endpoint accepted
        self.token_requests = []
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/jwks":
                    jwk = {**json.loads(RSAAlgorithm.to_jwk(platform.key.public_key())), "kid": platform.kid}
                    return self.reply(200, {"keys": [jwk]})
                return self.reply(404, {})

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                if platform.down:
                    return self.reply(503, {"error": "maintenance"})
                if self.path == "/token":
                    return self.reply(*platform.issue_token(parse_qs(body)))
                if self.path.endswith("/scores"):
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token not in platform.issued_tokens:
                        return self.reply(401, {"error": "unknown token"})
                    platform.scores.append((self.path, json.loads(body), self.headers.get("Content-Type")))
                    return self.reply(200, {})
                return self.reply(404, {})

            def reply(self, status, document):
                payload = json.dumps(document).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.issued_tokens = set()
        # The tool's keyset as the platform fetched it from /lti/jwks.json (`trust_tool`).
        self.tool_jwks = {"keys": []}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.issuer = self.url
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def issue_token(self, form):
        """Client credentials with a JWT assertion, which must be signed by a key the tool publishes."""
        self.token_requests.append(form)
        assertion = form.get("client_assertion", [""])[0]
        published = {key["kid"]: key for key in self.tool_jwks["keys"]}
        try:
            kid = jwt.get_unverified_header(assertion)["kid"]
            public = RSAAlgorithm.from_jwk(json.dumps(published[kid]))
            claims = jwt.decode(assertion, public, algorithms=["RS256"], audience=self.url + "/token")
        except (KeyError, jwt.InvalidTokenError) as error:
            return 401, {"error": "invalid_client", "error_description": str(error)}
        if claims["sub"] != CLIENT_ID:
            return 401, {"error": "invalid_client"}
        token = uuid.uuid4().hex
        self.issued_tokens.add(token)
        return 200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600, "scope": form["scope"][0]}

    def trust_tool(self, client):
        """Fetch the tool's keyset, as a platform does from the URL its administrator entered."""
        self.tool_jwks = client.get("/lti/jwks.json").json()

    def register(self, **fields):
        values = {
            "name": "Hospital Moodle",
            "issuer": self.issuer,
            "client_id": CLIENT_ID,
            "deployment_ids": [DEPLOYMENT_ID],
            "jwks_url": self.url + "/jwks",
            "auth_login_url": self.url + "/auth",
            "auth_token_url": self.url + "/token",
            **fields,
        }
        return LtiPlatform.objects.create(**values)

    def login_form(self, target_link_uri="http://testserver/lti/launch/", **fields):
        return {
            "iss": self.issuer,
            "login_hint": "user-42",
            "target_link_uri": target_link_uri,
            "client_id": CLIENT_ID,
            "lti_deployment_id": DEPLOYMENT_ID,
            "lti_message_hint": "hint",
            **fields,
        }

    def id_token(self, nonce, message="LtiResourceLinkRequest", lifetime=300, sign_with=None, **claims):
        now = int(time.time())
        body = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": "user-42",
            "iat": now,
            "exp": now + lifetime,
            "nonce": nonce,
            LTI + "deployment_id": DEPLOYMENT_ID,
            LTI + "message_type": message,
            LTI + "version": "1.3.0",
            LTI + "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
        }
        if message == "LtiResourceLinkRequest":
            body[LTI + "resource_link"] = {"id": "link-1", "title": "CME activity"}
            body[LTI + "target_link_uri"] = "http://testserver/lti/launch/"
            body["https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"] = {
                "scope": AGS_SCOPES,
                "lineitem": self.url + "/lineitems/7",
            }
        else:
            body[LTI + "roles"] = ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"]
            body["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] = {
                "deep_link_return_url": self.url + "/deep-link-return",
                "accept_types": ["ltiResourceLink"],
                "accept_presentation_document_targets": ["window", "iframe"],
                "data": "opaque-platform-data",
            }
        body.update(claims)
        return jwt.encode(body, sign_with or self.key, algorithm="RS256", headers={"kid": self.kid})


def query(url):
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}
