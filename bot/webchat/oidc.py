"""OpenID Connect for the web chat: authorisation code with PKCE (S256), the ID token checked in full.

Authlib builds the authorisation request and exchanges the code (its OAuth 2 client does PKCE and client
authentication); joserfc, Authlib's JOSE library, verifies the ID token's signature against the
provider's JWKS and its claims: `iss` equal to the configured issuer, `aud` our client id, `exp`/`iat`
against an injectable clock, the `nonce` this login sent and, for a single Entra ID tenant, `tid`.
Nothing here is hand-written cryptography. Calls are blocking (`requests`), so routes run them in a thread.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
from authlib.integrations.requests_client import OAuth2Session
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

SCOPES = "openid profile email"
ALGORITHMS = ("RS256", "PS256", "ES256")
TIMEOUT = 10
LEEWAY = 60
"""Seconds of clock difference tolerated for `exp`/`iat`, as most relying parties allow."""


class OidcError(Exception):
    """The provider, the code or the ID token was refused; the message is for the log, not the user."""


@dataclass(frozen=True)
class OidcIdentity:
    subject: str
    """`oid` (Entra ID's stable object id) when present, else `sub`."""
    email: str | None
    name: str | None


@dataclass(frozen=True)
class LoginStart:
    url: str
    state: str
    nonce: str
    verifier: str


class OidcClient:
    def __init__(
        self,
        issuer: str,
        client_id: str,
        client_secret: str | None,
        tenant_id: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.issuer = issuer.rstrip("/")
        self.client_id = client_id
        self.client_secret = client_secret
        self.tenant_id = tenant_id
        self.clock = clock
        self._metadata: dict[str, Any] | None = None
        self._keys: KeySet | None = None

    def metadata(self) -> dict[str, Any]:
        """Discovery, fetched once; a document naming another issuer is refused (OIDC Discovery §4.3)."""
        if self._metadata is None:
            url = f"{self.issuer}/.well-known/openid-configuration"
            document = _get_json(url)
            if str(document.get("issuer", "")).rstrip("/") != self.issuer:
                raise OidcError("the discovery document names another issuer")
            self._metadata = document
        return self._metadata

    def start_login(self, redirect_uri: str) -> LoginStart:
        state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        verifier = secrets.token_urlsafe(64)
        client = self._client(redirect_uri)
        url, _ = client.create_authorization_url(
            self.metadata()["authorization_endpoint"], state=state, nonce=nonce, code_verifier=verifier
        )
        return LoginStart(url, state, nonce, verifier)

    def finish_login(self, redirect_uri: str, code: str, verifier: str, nonce: str) -> OidcIdentity:
        client = self._client(redirect_uri)
        try:
            token = client.fetch_token(
                self.metadata()["token_endpoint"], code=code, code_verifier=verifier, timeout=TIMEOUT
            )
        except Exception as exc:  # Authlib raises OAuthError, requests its own; both mean "refused"
            raise OidcError(f"the code exchange was refused ({type(exc).__name__})") from exc
        id_token = token.get("id_token")
        if not isinstance(id_token, str):
            raise OidcError("the token response has no ID token")
        claims = self.validate_id_token(id_token, nonce)
        subject = claims.get("oid") or claims.get("sub")
        email = claims.get("email") or claims.get("preferred_username")
        name = claims.get("name")
        return OidcIdentity(str(subject), str(email) if email else None, str(name) if name else None)

    def validate_id_token(self, id_token: str, nonce: str) -> dict[str, Any]:
        try:
            token = jwt.decode(id_token, self._key_set(id_token), algorithms=list(ALGORITHMS))
        except (JoseError, ValueError) as exc:
            raise OidcError(f"the ID token is not validly signed ({type(exc).__name__})") from exc
        required: dict[str, Any] = {
            "iss": {"essential": True, "value": self.issuer},
            "aud": {"essential": True, "value": self.client_id},
            "sub": {"essential": True},
            "exp": {"essential": True},
            "iat": {"essential": True},
            "nonce": {"essential": True, "value": nonce},
        }
        if self.tenant_id:
            required["tid"] = {"essential": True, "value": self.tenant_id}
        registry = jwt.JWTClaimsRegistry(now=lambda: int(self.clock()), leeway=LEEWAY, **required)
        try:
            registry.validate(token.claims)
        except JoseError as exc:
            raise OidcError(f"the ID token's claims were refused ({exc.error})") from exc
        azp = token.claims.get("azp")
        audiences = token.claims["aud"] if isinstance(token.claims["aud"], list) else [token.claims["aud"]]
        if (len(audiences) > 1 or azp is not None) and azp != self.client_id:
            raise OidcError("the ID token was issued to another client (azp)")
        return dict(token.claims)

    def _key_set(self, id_token: str) -> KeySet:
        """The provider's JWKS, fetched again once when the token names a key we have not seen (rotation)."""
        kid = _header_kid(id_token)
        if self._keys is None or (kid and not any(k.kid == kid for k in self._keys.keys)):
            self._keys = KeySet.import_key_set(_get_json(self.metadata()["jwks_uri"]))
        return self._keys

    def _client(self, redirect_uri: str) -> OAuth2Session:
        return OAuth2Session(
            client_id=self.client_id,
            client_secret=self.client_secret,
            scope=SCOPES,
            redirect_uri=redirect_uri,
            code_challenge_method="S256",
        )


def _get_json(url: str) -> dict[str, Any]:
    try:
        response = requests.get(url, timeout=TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise OidcError(f"could not read {url} ({type(exc).__name__})") from exc
    if not isinstance(document, dict):
        raise OidcError(f"{url} is not a JSON object")
    return document


def _header_kid(id_token: str) -> str | None:
    from joserfc.jws import extract_compact

    try:
        return extract_compact(id_token.encode()).headers().get("kid")
    except (JoseError, ValueError):
        return None
