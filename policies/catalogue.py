"""Known processors and supervisory authorities, kept as data in policies/data/."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import get_language

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Processor:
    """A known service. Its name and purpose come in each language of the policy (a brand's
    name is the same in all; a generic entry's, such as an accounting firm, is not)."""

    key: str
    name_lv: str
    name_en: str
    legal_entity: str
    country: str
    role: str
    service_type: str
    transfers_to: tuple[str, ...]
    default_mechanisms: tuple[str, ...]
    purpose_lv: str
    purpose_en: str
    privacy_url: str

    @property
    def name(self) -> str:
        """The name in the language of the page that lists it."""
        return self.name_en if get_language() == "en" else self.name_lv

    def recipient_values(self) -> dict:
        """What choosing this entry fills in a recipient row: every language at once."""
        return {
            "catalogue_key": self.key,
            "name": self.name_lv,
            "name_en": self.name_en,
            "legal_entity": self.legal_entity,
            "role": self.role,
            "service_type": self.service_type,
            "purpose": self.purpose_lv,
            "purpose_en": self.purpose_en,
            "country": self.country,
            "transfers_to": ", ".join(self.transfers_to),
            "mechanisms": list(self.default_mechanisms),
        }


@dataclass(frozen=True)
class SupervisoryAuthority:
    code: str
    name_lv: str
    name_en: str
    country: str
    address: str
    email: str
    phone: str
    website: str
    complaint_url: str

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_lv


@dataclass(frozen=True)
class KnownCookie:
    """A cookie a known tool sets: its name ("*" stands for any characters), whether our
    website or another one sets it, how long it lasts and what for, in each language."""

    name: str
    party: str  # "first" or "third"
    duration: dict[str, str]
    purpose: dict[str, str]
    domain: str = ""


@dataclass(frozen=True)
class CookieTool:
    """A tool that sets cookies or contacts other hosts from a company's website: the
    processor it is (same key), the kind of cookies it needs consent for, its hosts."""

    key: str
    category: str
    hosts: tuple[str, ...]
    cookies: tuple[KnownCookie, ...]

    @property
    def processor(self) -> Processor:
        return PROCESSORS_BY_KEY[self.key]

    @property
    def name(self) -> str:
        return self.processor.name

    def name_in(self, language: str) -> str:
        return getattr(self.processor, f"name_{language}", self.processor.name_lv)


def _load_processors() -> tuple[Processor, ...]:
    with open(DATA / "processors.json", encoding="utf-8") as f:
        rows = json.load(f)
    return tuple(
        Processor(
            **{
                **row,
                "transfers_to": tuple(row["transfers_to"]),
                "default_mechanisms": tuple(row["default_mechanisms"]),
            }
        )
        for row in rows
    )


def _load_authorities() -> dict[str, SupervisoryAuthority]:
    with open(DATA / "authorities.json", encoding="utf-8") as f:
        rows = json.load(f)
    return {code: SupervisoryAuthority(code=code, **row) for code, row in rows.items()}


def _load_cookie_tools() -> tuple[CookieTool, ...]:
    with open(DATA / "cookies.json", encoding="utf-8") as f:
        rows = json.load(f)
    return tuple(
        CookieTool(
            key=row["key"],
            category=row["category"],
            hosts=tuple(row["hosts"]),
            cookies=tuple(KnownCookie(**cookie) for cookie in row["cookies"]),
        )
        for row in rows
    )


PROCESSORS = _load_processors()
PROCESSORS_BY_KEY = {p.key: p for p in PROCESSORS}
COOKIE_TOOLS = _load_cookie_tools()
COOKIE_TOOLS_BY_KEY = {t.key: t for t in COOKIE_TOOLS}


def cookie_tool_choices():
    """The known tools as choices of the cookie step, named in the page's language."""
    return [(t.key, t.name) for t in COOKIE_TOOLS]


AUTHORITIES = _load_authorities()

# The authority a company's own country has; others choose "another authority".
AUTHORITY_BY_COUNTRY = {a.country: a.code for a in AUTHORITIES.values()}
