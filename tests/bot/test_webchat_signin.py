"""Web chat sign-in against a real OpenID Connect provider (panva/oidc-provider on loopback).

The provider's login and consent pages are driven over HTTP; the code is exchanged with PKCE (S256) and
the ID token checked by our client. Positive: the signed-in person is resolved by e-mail like Slack and
Teams users and can do what their role allows. Refused (4xx, no session user, nothing stored): a wrong
audience, a wrong issuer, a forged signature, an expired token, another tenant, a replayed state and a
wrong PKCE verifier. Each test runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession, web
from aiohttp.test_utils import TestServer
from joserfc.jwk import RSAKey
from sqlalchemy import func, select, update

from bot.server import create_app
from bot.settings import Settings
from bot.webchat.oidc import OidcClient
from bot.webchat.routes import OIDC
from handlers.context import HandlerContext
from models.tables import AuditEntry, Initiative, PersonIdentity, WebSession
from tests.bot.initiative_input import GOOD, REFERENCE
from tests.oidc import login as browser
from tests.oidc.provider import CLIENT_ID, CLIENT_SECRET, TENANT, Provider, free_port, running_provider
from tests.oidc.tamper import Mutate, tamper_app


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    with running_provider(tmp_path_factory.mktemp("oidc")) as started:
        yield started


def settings(provider: Provider, issuer: str | None = None) -> Settings:
    return Settings(
        GOVBOT_OIDC_ISSUER=issuer or provider.issuer,
        GOVBOT_OIDC_CLIENT_ID=CLIENT_ID,
        GOVBOT_OIDC_CLIENT_SECRET=CLIENT_SECRET,
        GOVBOT_OIDC_TENANT_ID=TENANT,
        GOVBOT_PUBLIC_URL=provider.app_origin,
        answer_workers=0,
    )


async def serve(app: web.Application, port: int) -> TestServer:
    server = TestServer(app, host="127.0.0.1", port=port)
    await server.start_server()
    return server


@pytest.fixture
async def web_app(context: HandlerContext, provider: Provider) -> AsyncIterator[str]:
    server = await serve(create_app(context, settings(provider)), provider.app_port)
    try:
        yield provider.app_origin
    finally:
        await server.close()


async def post(client: ClientSession, origin: str, path: str, body: dict[str, Any]) -> tuple[int, Any]:
    token = (await browser.session_info(client, origin))["csrf_token"]
    headers = {"X-CSRF-Token": token, "Origin": origin}
    async with client.post(f"{origin}{path}", json=body, headers=headers) as response:
        return response.status, await response.json()


async def say(client: ClientSession, origin: str, text: str) -> str:
    status, reply = await post(client, origin, "/webchat/api/messages", {"text": text})
    assert status == 200, reply
    return reply["text"]


async def test_a_clinician_signs_in_and_submits_and_the_secretariat_rejects(
    context: HandlerContext, web_app: str
) -> None:
    async with browser.browser() as lege:
        before = await browser.session_info(lege, web_app)
        authorize = await browser.start(lege, web_app)
        asked = browser.query(authorize)
        assert asked["code_challenge_method"] == "S256" and len(asked["code_challenge"]) == 43
        assert (
            asked["nonce"]
            and asked["state"]
            and set(asked["scope"].split()) == {"openid", "profile", "email"}
        )
        assert asked["redirect_uri"] == f"{web_app}/webchat/callback"
        done = await browser.callback(lege, await browser.through_provider(lege, authorize, "lege"))
        assert done.status == 302 and done.headers["Location"] == "/"
        cookie = done.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
        after = await browser.session_info(lege, web_app)
        assert after["mode"] == "oidc" and after["user"]["email"] == "lege.lund@ahus.example.org"
        assert after["user"]["platform"] == "web" and after["user"]["id"] == "0c8b6d4e-lege"
        assert after["csrf_token"] != before["csrf_token"]

        status, reply = await post(lege, web_app, "/webchat/api/messages", {"text": "nytt initiativ"})
        [form] = [b for b in reply["blocks"] if b["type"] == "form"]
        status, result = await post(
            lege,
            web_app,
            "/webchat/api/forms",
            {"form_id": form["form_id"], "context": form["context"], "values": GOOD, "submission_id": "t1"},
        )
        assert status == 200 and result["ok"], result
        reference = REFERENCE.search(result["reply"]["text"]).group(0)  # type: ignore[union-attr]
        assert reference in await say(lege, web_app, "mine initiativer")
        refused = await say(lege, web_app, f"sett {reference} til avvist fordi jeg vil")
        assert refused.startswith("Beklager")  # unknown to the model: may submit and follow, nothing more

    async with browser.browser() as hilde:  # the Pasientbehandling board's secretariat
        assert (await browser.sign_in(hilde, web_app, "hilde")).status == 302
        answer = await say(hilde, web_app, f"sett {reference} til avvist fordi den er meldt inn to ganger")
        assert "avvist" in answer
    with context.store.read() as session:
        assert session.scalar(select(Initiative.state)) == "avvist"
        moved = session.scalar(select(AuditEntry).where(AuditEntry.action == "initiative.moved"))
        assert moved is not None and moved.actor == "hilde-karlsen (web:0c8b6d4e-hilde)"
        submitted = session.scalar(select(AuditEntry).where(AuditEntry.action == "initiative.submitted"))
        assert submitted is not None and "web:0c8b6d4e-lege" in submitted.actor


async def test_preferred_username_maps_a_person_by_email(context: HandlerContext, web_app: str) -> None:
    async with browser.browser() as hilde:
        assert (await browser.sign_in(hilde, web_app, "hilde")).status == 302
        assert (await browser.session_info(hilde, web_app))["user"]["email"] == "Hilde.Karlsen@example.org"
    with context.store.read() as session:
        row = session.scalar(select(PersonIdentity).where(PersonIdentity.platform == "web"))
        assert row is not None and (row.platform_user_id, row.person_key) == (
            "0c8b6d4e-hilde",
            "hilde-karlsen",
        )


def nothing_signed_in(context: HandlerContext) -> None:
    with context.store.read() as session:
        assert session.scalar(select(func.count()).select_from(PersonIdentity)) == 0
        assert session.scalar(select(func.count()).where(WebSession.user_id.is_not(None))) == 0
        assert session.scalar(select(func.count()).where(AuditEntry.action.like("websession.%"))) == 0


async def refused(client: ClientSession, origin: str, response: browser.Answer) -> None:
    assert 400 <= response.status < 500, response.status
    assert (await browser.session_info(client, origin))["user"] is None


def _wrong_audience(claims: dict[str, Any]) -> dict[str, Any]:
    return {**claims, "aud": "some-other-app"}


def _pass_through(_: dict[str, Any]) -> None:
    return None  # the real token, whose iss is the real provider's, not the one we were configured with


def _only_our_issuer(claims: dict[str, Any]) -> dict[str, Any]:
    return claims  # iss set to the configured one and re-signed: must pass, or the others prove nothing


@pytest.mark.parametrize(
    ("mutate", "forge_key", "accepted"),
    [
        (_only_our_issuer, False, True),
        (_wrong_audience, False, False),
        (_pass_through, False, False),
        (_only_our_issuer, True, False),
    ],
    ids=["control-accepted", "wrong-audience", "wrong-issuer", "forged-signature"],
)
async def test_a_tampered_id_token_is_refused(
    context: HandlerContext, provider: Provider, mutate: Mutate, forge_key: bool, accepted: bool
) -> None:
    forged = RSAKey.generate_key(2048, parameters={"kid": provider.key.kid}) if forge_key else None
    middle = await serve(tamper_app(provider.issuer, provider.key, mutate, forged), free_port())
    app = await serve(
        create_app(context, settings(provider, issuer=str(middle.make_url("")).rstrip("/"))),
        provider.app_port,
    )
    try:
        async with browser.browser() as client:
            response = await browser.sign_in(client, provider.app_origin, "silje")
            if accepted:
                assert response.status == 302
                assert (await browser.session_info(client, provider.app_origin))["user"]["email"]
                return
            await refused(client, provider.app_origin, response)
            assert "mislyktes" in response.text
        nothing_signed_in(context)
    finally:
        await app.close()
        await middle.close()


async def test_an_expired_id_token_is_refused(context: HandlerContext, provider: Provider) -> None:
    app = create_app(context, settings(provider))
    app[OIDC] = OidcClient(
        provider.issuer, CLIENT_ID, CLIENT_SECRET, TENANT, clock=lambda: time.time() + 7200
    )
    server = await serve(app, provider.app_port)
    try:
        async with browser.browser() as client:
            await refused(
                client, provider.app_origin, await browser.sign_in(client, provider.app_origin, "silje")
            )
        nothing_signed_in(context)
    finally:
        await server.close()


async def test_another_tenant_is_refused(context: HandlerContext, web_app: str) -> None:
    async with browser.browser() as client:
        await refused(client, web_app, await browser.sign_in(client, web_app, "outsider"))
    nothing_signed_in(context)


async def test_a_state_works_once(context: HandlerContext, web_app: str) -> None:
    async with browser.browser() as client:
        back = await browser.through_provider(client, await browser.start(client, web_app), "lege")
        assert (await browser.callback(client, back)).status == 302
        with context.store.read() as session:
            sessions_after_login = session.scalar(select(func.count()).select_from(WebSession))
        replay = await browser.callback(client, back)
        assert replay.status == 400
        assert (await browser.session_info(client, web_app))["user"]["id"] == "0c8b6d4e-lege"
    async with browser.browser() as attacker:
        await browser.session_info(attacker, web_app)
        replay = await browser.callback(attacker, back)
        await refused(attacker, web_app, replay)
    with context.store.read() as session:
        signed_in = session.scalar(select(func.count()).where(WebSession.user_id.is_not(None)))
        assert signed_in == 1 and sessions_after_login is not None


async def test_a_wrong_pkce_verifier_is_refused_by_the_provider(
    context: HandlerContext, web_app: str
) -> None:
    async with browser.browser() as client:
        back = await browser.through_provider(client, await browser.start(client, web_app), "silje")
        with context.store.session() as session:
            session.execute(update(WebSession).values(login_verifier="x" * 64))
        await refused(client, web_app, await browser.callback(client, back))
    nothing_signed_in(context)


def test_the_node_script_is_beside_its_package() -> None:
    here = Path(__file__).resolve().parents[1] / "oidc"
    assert (here / "provider.mjs").exists() and '"oidc-provider": "9.5.2"' in (
        here / "package.json"
    ).read_text()
