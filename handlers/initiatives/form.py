"""The one intake schema every channel fills in: terminal dialog, Slack modal, Teams card, web form, CLI.

Field rules live here once. Checks that need the governance model (health trusts) or the catalogue
(systems) read them from the pydantic validation context, so the schema holds no region's data.
Errors carry a code (`PydanticCustomError` type) that `errors.py` turns into a sentence per language.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo
from pydantic_core import PydanticCustomError

from handlers.initiatives.amounts import AmountError, MnokRange, parse_mnok
from handlers.initiatives.identity_numbers import contains_identity_number
from handlers.initiatives.trust_matching import match_trust

FIELD_ORDER = (
    "title",
    "need",
    "change",
    "benefit",
    "trusts",
    "systems",
    "investment",
    "operating_cost",
    "contact",
)
OPTIONAL_FIELDS = frozenset({"systems", "investment", "operating_cost"})
LIMITS: dict[str, tuple[int, int]] = {
    "title": (5, 150),
    "need": (20, 3000),
    "change": (20, 3000),
    "benefit": (10, 2000),
    "contact": (2, 200),
}


def _no_identity_number(value: str) -> str:
    if contains_identity_number(value):
        raise PydanticCustomError("identity_number", "contains a national identity number")
    return value


def _text(name: str) -> Any:
    low, high = LIMITS[name]

    def check(value: object) -> str:
        if value is None:
            raise PydanticCustomError("missing", "required")
        text = " ".join(str(value).split()) if name in ("title", "contact") else str(value).strip()
        if not text:
            raise PydanticCustomError("missing", "required")
        _no_identity_number(text)
        if len(text) < low:
            raise PydanticCustomError("too_short", "too short", {"min": low})
        if len(text) > high:
            raise PydanticCustomError("too_long", "too long", {"max": high})
        return text

    return Annotated[str, BeforeValidator(check)]


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else str(value).replace(";", ",").split(",")
    return [str(item).strip() for item in items if str(item).strip()]


def _trusts(value: object, info: ValidationInfo) -> list[str]:
    """Health trust keys; accepts a key, a short name, a full name or a near miss (`trust_matching`)."""
    names = _as_list(value)
    if not names:
        raise PydanticCustomError("missing", "required")
    known = (info.context or {}).get("trusts", {})
    keys: list[str] = []
    for name in names:
        key = match_trust(name, known)
        if key is None:
            _no_identity_number(name)
            raise PydanticCustomError("unknown_trust", "unknown health trust", {"value": name[:60]})
        if key not in keys:
            keys.append(key)
    return keys


def _systems(value: object, info: ValidationInfo) -> list[str]:
    """Catalogue system names; an unknown name is refused so a typo does not route the initiative."""
    names = _as_list(value)
    resolve = (info.context or {}).get("resolve_system")
    found: list[str] = []
    for name in names:
        _no_identity_number(name)
        canonical = resolve(name) if resolve else name
        if canonical is None:
            raise PydanticCustomError("unknown_system", "unknown system", {"value": name[:60]})
        if canonical not in found:
            found.append(canonical)
    if len(found) > 20:
        raise PydanticCustomError("too_many", "too many", {"max": 20})
    return found


def _mnok(value: object) -> MnokRange | None:
    try:
        return parse_mnok(value)
    except AmountError as exc:
        raise PydanticCustomError(exc.code, exc.code) from None


Title = _text("title")
Need = _text("need")
Change = _text("change")
Benefit = _text("benefit")
Contact = _text("contact")
Trusts = Annotated[list[str], BeforeValidator(_trusts)]
Systems = Annotated[list[str], BeforeValidator(_systems)]
Mnok = Annotated[MnokRange | None, BeforeValidator(_mnok), AfterValidator(lambda v: v)]


class InitiativeForm(BaseModel):
    """What a proposer fills in. Domain, state and reference are decided after intake, not typed here.

    `defer_build`: the validators are built on the first form validated, not on import, because every
    message imports this module on its way to the responders and most never carry a form.
    """

    model_config = ConfigDict(extra="ignore", frozen=True, arbitrary_types_allowed=True, defer_build=True)

    title: Title
    need: Need
    change: Change
    benefit: Benefit
    trusts: Trusts
    systems: Systems = Field(default_factory=list)
    investment: Mnok = None
    operating_cost: Mnok = None
    contact: Contact

    def free_text(self) -> str:
        """Everything the proposer wrote, for routing."""
        return " ".join((self.title, self.need, self.change, self.benefit, " ".join(self.systems)))
