"""The web chat's look comes from the model file, and its words from the server in both languages."""

from __future__ import annotations

from aiohttp.test_utils import TestClient, TestServer

from bot.server import create_app
from bot.webchat.appearance import BLACK, WHITE, contrast, text_colour_on
from handlers.context import HandlerContext
from models.governance.schema import Appearance
from tests.bot.webchat_client import demo_settings


def test_the_text_on_any_region_colour_meets_wcag_aa() -> None:
    """Whatever colour a model file names, the header's text contrasts at least 4.5:1 with it."""
    for colour in ("#0b3d62", "#1f5f5b", "#777777", "#767676", "#ffd166", "#000000", "#ffffff", "#e30613"):
        assert contrast(colour, text_colour_on(colour)) >= 4.5, colour
    assert text_colour_on("#0b3d62") == WHITE and text_colour_on("#ffd166") == BLACK


async def test_brand_css_session_language_and_page_words(context: HandlerContext) -> None:
    async with TestClient(TestServer(create_app(context, demo_settings()))) as client:
        css = await client.get("/webchat/brand.css")
        assert css.status == 200 and css.content_type == "text/css"
        assert context.model.appearance.colour in await css.text()
        page = await (await client.get("/")).text()
        assert "/webchat/brand.css" in page
        english = await (
            await client.get("/webchat/api/session", headers={"Accept-Language": "en-GB"})
        ).json()
        assert english["language"] == "en"
        norwegian = await (await client.get("/webchat/api/session")).json()
        assert norwegian["language"] == "nb"
        for language in ("nb", "en"):
            texts = norwegian["texts"][language]
            assert texts["webchat.title"] == f"govbot – {context.model.region}"
            assert texts["webchat.message_label"] and texts["webchat.placeholder"]
        assert (
            norwegian["texts"]["nb"]["webchat.message_label"]
            != norwegian["texts"]["en"]["webchat.message_label"]
        )
        roles = {p["key"]: p["roles"] for p in norwegian["people"]}
        assert any("Chair, Portfolio board" in r for person in roles.values() for r in person.get("en", []))


def test_a_model_without_appearance_gets_the_default_colour() -> None:
    assert Appearance().colour == "#0b3d62"
