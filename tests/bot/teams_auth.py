"""An offline Bot Framework token authority: our own RSA key, OpenID metadata and JWKS on loopback.

botbuilder validates a Teams request by fetching https://login.botframework.com/v1/.well-known/
openidconfiguration and its JWKS with *blocking* `requests.get`, so the stand-in is a plain
`http.server` in its own thread (on the test's event loop it would deadlock). `ChannelValidation.
open_id_metadata_endpoint` is pointed at it and botbuilder's class-level metadata cache is cleared on
entry and exit, so tests never see each other's keys. `StubCredentials` replaces MSAL for the bot's
outbound calls: the Bot Connector stand-in then sees `Bearer outbound-test-token`.

Reusable: the reliability suite mints its own tokens with `TokenAuthority.token(**overrides)`.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from botframework.connector.auth import AppCredentials, ChannelValidation, JwtTokenExtractor
from botframework.connector.auth.service_client_credentials_factory import ServiceClientCredentialsFactory
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

APP_ID = "00000000-0000-0000-0000-00000000b07a"
ISSUER = "https://api.botframework.com"
OUTBOUND_TOKEN = "outbound-test-token"


class TokenAuthority:
    """Signs Bot Framework channel tokens and serves the keys that verify them."""

    def __init__(self, app_id: str = APP_ID, *, endorsements: tuple[str, ...] = ("msteams",)) -> None:
        self.app_id = app_id
        self.kid = f"test-{uuid.uuid4().hex[:8]}"
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        public = json.loads(RSAAlgorithm.to_jwk(self._key.public_key()))
        self.jwks = {"keys": [{**public, "kid": self.kid, "use": "sig", "endorsements": list(endorsements)}]}
        self.fetches: list[str] = []
        self._server: ThreadingHTTPServer | None = None

    @property
    def metadata_url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/openid"

    def token(self, service_url: str, *, lifetime: float = 3600, **claims: Any) -> str:
        """A valid token for `service_url`; pass claims (iss, aud, exp, serviceurl …) to spoil it."""
        now = int(time.time())
        payload = {
            "iss": ISSUER,
            "aud": self.app_id,
            "serviceurl": service_url,
            "nbf": now - 60,
            "iat": now - 60,
            "exp": now + int(lifetime),
            **claims,
        }
        return jwt.encode(payload, self._key, algorithm="RS256", headers={"kid": self.kid})

    def header(self, service_url: str, **claims: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(service_url, **claims)}"}

    @contextmanager
    def serving(self) -> Iterator[TokenAuthority]:
        authority = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                authority.fetches.append(self.path)
                base = authority.metadata_url.rsplit("/", 1)[0]
                if self.path == "/openid":
                    body = {"issuer": ISSUER, "jwks_uri": f"{base}/keys"}
                elif self.path == "/keys":
                    body = authority.jwks
                else:
                    self.send_error(404)
                    return
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *_: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        thread.start()
        previous = ChannelValidation.open_id_metadata_endpoint
        ChannelValidation.open_id_metadata_endpoint = self.metadata_url
        JwtTokenExtractor.metadataCache.clear()
        try:
            yield self
        finally:
            ChannelValidation.open_id_metadata_endpoint = previous
            JwtTokenExtractor.metadataCache.clear()
            self._server.shutdown()
            self._server.server_close()
            thread.join(10)


class StubCredentials(AppCredentials):
    """Outbound credentials without MSAL: a fixed bearer token, no call to login.microsoftonline.com."""

    def __init__(self, app_id: str) -> None:
        super().__init__(app_id=app_id)

    def get_access_token(self, force_refresh: bool = False) -> str:
        return OUTBOUND_TOKEN


class StubCredentialsFactory(ServiceClientCredentialsFactory):
    async def is_valid_app_id(self, app_id: str) -> bool:
        return app_id == APP_ID

    async def is_authentication_disabled(self) -> bool:
        return False

    async def create_credentials(
        self, app_id: str, oauth_scope: str, login_endpoint: str, validate_authority: bool
    ) -> AppCredentials:
        return StubCredentials(app_id)
