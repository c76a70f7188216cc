"""A man in the middle between our client and the real provider, for the refusal tests only.

It republishes the provider's discovery under its own address with its own token endpoint, forwards the
code exchange to the real provider unchanged, and hands back the real ID token, or one with a claim
changed and signed again with the provider's own key (the test generated it), so the only thing wrong is
the claim under test. The positive tests never go through it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiohttp import ClientSession, web
from joserfc import jwt
from joserfc.jwk import RSAKey

Mutate = Callable[[dict[str, Any]], dict[str, Any] | None]
"""New claims to sign, or None to pass the provider's token through untouched."""


def tamper_app(
    issuer: str, key: RSAKey, mutate: Mutate, signing_key: RSAKey | None = None
) -> web.Application:
    app = web.Application()
    own: dict[str, str] = {}

    async def discovery(request: web.Request) -> web.Response:
        url = f"{issuer}/.well-known/openid-configuration"
        async with ClientSession() as client, client.get(url) as response:
            document = await response.json()
        base = f"{request.scheme}://{request.host}"
        own["issuer"] = base
        return web.json_response({**document, "issuer": base, "token_endpoint": f"{base}/token"})

    async def token(request: web.Request) -> web.Response:
        headers = {k: v for k, v in request.headers.items() if k.lower() in ("authorization", "content-type")}
        form = await request.read()
        async with (
            ClientSession() as client,
            client.post(f"{issuer}/token", data=form, headers=headers) as response,
        ):
            body = await response.json()
            status = response.status
        if status == 200:
            claims = dict(jwt.decode(body["id_token"], key).claims)
            changed = mutate({**claims, "iss": own["issuer"]})
            if changed is not None:
                header = {"alg": "RS256", "kid": key.kid}
                body["id_token"] = jwt.encode(header, changed, signing_key or key)
        return web.json_response(body, status=status)

    app.router.add_get("/.well-known/openid-configuration", discovery)
    app.router.add_post("/token", token)
    return app
