"""The cookie banner of a document, made from the cookie step of its version in force.

The banner and the policy come from the same frozen answers (`PolicyVersion.answers`), so they
cannot disagree. What a visitor consents to (the kinds of cookies, the known tools, the other
tools and the cookies listed) has a hash; the banner's revision counts how often it changed
over the versions that took effect, and a new revision asks every visitor again.
"""

import hashlib
import json
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext

from policies import catalogue
from policies.choices import AddressForm, CookieCategory
from policies.models import PolicyVersion

# The policy's kinds of cookies and the banner's category names, which a website's script
# tags name in data-category ("analytics" is what websites and tag managers commonly say).
CATEGORIES = {
    CookieCategory.NECESSARY: "necessary",
    CookieCategory.PREFERENCES: "preferences",
    CookieCategory.STATISTICS: "analytics",
    CookieCategory.MARKETING: "marketing",
}
NAMES = tuple(CATEGORIES.values())
OPTIONAL = NAMES[1:]  # the categories that need consent
LANGUAGES = ("lv", "en")
SETTINGS_HASH = "#cookie-settings"  # opens the settings on the company's website
LANGUAGE_NAMES = {"lv": "Latviski", "en": "English"}  # each in its own language


@dataclass(frozen=True)
class State:
    """The banner as a visitor of one policy version saw it."""

    version: int
    revision: int
    hash: str
    categories: tuple[str, ...]

    @property
    def optional(self) -> list[str]:
        """The categories a visitor may refuse."""
        return [name for name in self.categories if name != "necessary"]

    def choice(self, choice: str, accepted: list[str], language: str) -> dict:
        """What the banner sends for `choice` ("accept_all", "reject_all" or "custom") in this
        state, but the consent ID: the optional categories `accepted` and "necessary" accepted,
        every other one refused."""
        return {
            "choice": choice,
            "accepted": ["necessary", *accepted],
            "rejected": [name for name in self.optional if name not in accepted],
            "version": self.version,
            "revision": self.revision,
            "hash": self.hash,
            "language": language,
        }


def consented(cookies: dict) -> dict:
    """What consent is asked for, from a version's cookie answers (export format)."""
    if cookies.get("uses_cookies") != "yes":
        return {"categories": ["necessary"], "tools": [], "other": "", "cookies": []}
    tools = [key for key in cookies.get("tool_keys", []) if key in catalogue.COOKIE_TOOLS_BY_KEY]
    items = cookies.get("items", [])
    kinds = set(cookies.get("categories", []))
    kinds |= {catalogue.COOKIE_TOOLS_BY_KEY[key].category for key in tools}
    kinds |= {item.get("category") for item in items}
    return {
        "categories": [
            name for kind, name in CATEGORIES.items() if kind in kinds or name == "necessary"
        ],
        "tools": sorted(tools),
        "other": (cookies.get("tools") or "").strip(),
        "cookies": sorted([item.get("name", ""), item.get("category", "")] for item in items),
    }


def fingerprint(part: dict) -> str:
    return hashlib.sha256(json.dumps(part, sort_keys=True).encode()).hexdigest()


def states(tenant_slug: str, doc_slug: str) -> tuple[State, ...]:
    """The banner of every version that took effect, oldest first; the last is in force."""
    rows = (
        PolicyVersion.objects.filter(tenant__slug=tenant_slug, document__slug=doc_slug)
        .published()
        .order_by("number")
        .values_list("number", "answers__cookies")
    )
    found, revision, last = [], 0, None
    for number, cookies in rows:
        part = consented(cookies or {})
        digest = fingerprint(part)
        if digest != last:
            revision, last = revision + 1, digest
        found.append(State(number, revision, digest, tuple(part["categories"])))
    return tuple(found)


def in_force_version(tenant_slug: str, doc_slug: str) -> PolicyVersion | None:
    return (
        PolicyVersion.objects.filter(tenant__slug=tenant_slug, document__slug=doc_slug)
        .in_force()
        .select_related("document__tenant")
        .only("number", "answers", "texts", "document__slug", "document__tenant__slug")
        .first()
    )


def config(version: PolicyVersion, state: State, urls: dict) -> dict:
    """What the banner's script needs: categories, texts per language, where to send choices.

    Every text goes into the banner as HTML (the library sets innerHTML), so every one is
    escaped here, the company's words and ours alike. `urls`: "endpoint", "policy" (per
    language), "script", "style".
    """
    answers = version.answers
    cookies = answers.get("cookies", {})
    informal = answers.get("document", {}).get("address_form") == AddressForm.INFORMAL
    languages = [language for language in LANGUAGES if language in version.texts]
    tools = consented(cookies)["tools"]
    return {
        "endpoint": urls["endpoint"],
        "script": urls["script"],
        "style": urls["style"],
        "version": state.version,
        "revision": state.revision,
        "hash": state.hash,
        "categories": list(state.categories),
        "google": any(key.startswith("google_") for key in tools),
        "languages": languages,
        "settingsHash": SETTINGS_HASH,
        "translations": {
            language: _translation(language, cookies, informal, urls["policy"][language], languages)
            for language in languages
        },
    }


def _translation(language, cookies, informal, policy_url, languages) -> dict:
    with override(language):
        part = consented(cookies)
        policy_link = format_html(
            '<a href="{}#cookies" target="_blank" rel="noopener">{}</a>',
            policy_url,
            _("Privacy policy"),
        )
        switch = [
            format_html(
                '<a href="#" data-policyhub-language="{}" lang="{}" hreflang="{}">{}</a>',
                other,
                other,
                other,
                LANGUAGE_NAMES[other],
            )
            for other in languages
            if other != language
        ]
        footer = " ".join([policy_link, *switch])
        if informal:
            description = pgettext(
                "informal",
                "Strictly necessary cookies make this website work. We use the others only if "
                "you agree to them. You can change your choice at any time.",
            )
        else:
            description = _(
                "Strictly necessary cookies make this website work. We use the others only if "
                "you agree to them. You can change your choice at any time."
            )
        sections = [
            {
                "title": escape(_("How we use cookies")),
                "description": escape(description) + " " + policy_link,
            }
        ]
        for kind, name in CATEGORIES.items():
            if name in part["categories"]:
                sections.append(_section(kind, name, cookies, language, informal))
        return {
            "consentModal": {
                "title": escape(_("This website uses cookies")),
                "description": escape(description),
                "acceptAllBtn": escape(_("Accept all")),
                "acceptNecessaryBtn": escape(_("Reject all")),
                "showPreferencesBtn": escape(_("Settings")),
                "footer": footer,
            },
            "preferencesModal": {
                "title": escape(_("Cookie settings")),
                "acceptAllBtn": escape(_("Accept all")),
                "acceptNecessaryBtn": escape(_("Reject all")),
                "savePreferencesBtn": escape(_("Save my choice")),
                "closeIconLabel": escape(_("Close")),
                "serviceCounterLabel": escape(_("tool|tools")),
                "sections": sections,
            },
        }


def _section(kind, name, cookies, language, informal) -> dict:
    """A category of the settings: what it is for, its tools and its cookies in a table."""
    tools = [
        catalogue.COOKIE_TOOLS_BY_KEY[key]
        for key in cookies.get("tool_keys", [])
        if key in catalogue.COOKIE_TOOLS_BY_KEY
        and catalogue.COOKIE_TOOLS_BY_KEY[key].category == kind
    ]
    rows = [
        {
            "name": cookie.name,
            "who": tool.name_in(language),
            "purpose": cookie.purpose.get(language, ""),
            "duration": cookie.duration.get(language, ""),
        }
        for tool in tools
        for cookie in tool.cookies
    ]
    rows += [
        {
            "name": item.get("name", ""),
            "who": item.get("provider", ""),
            "purpose": _in(item.get("purpose"), language),
            "duration": _in(item.get("duration"), language),
        }
        for item in cookies.get("items", [])
        if item.get("category") == kind
    ]
    description = _purpose(kind, informal)
    if tools:
        names = ", ".join(tool.name_in(language) for tool in tools)
        description += " " + _("Tools: %(names)s.") % {"names": names}
    section = {
        "title": escape(str(CookieCategory(kind).label)),
        "description": escape(description),
        "linkedCategory": name,
    }
    if rows:
        section["cookieTable"] = {
            "caption": escape(_("Cookies of this kind")),
            # One word each: the library makes element ids of them, which the table's
            # cells name in their space-separated headers attribute.
            "headers": {
                "name": escape(pgettext("cookie table", "Cookie")),
                "who": escape(pgettext("cookie table", "Provider")),
                "purpose": escape(pgettext("cookie table", "Purpose")),
                "duration": escape(pgettext("cookie table", "Duration")),
            },
            "body": [{key: escape(value) for key, value in row.items()} for row in rows],
        }
    return section


def _in(value, language) -> str:
    """A text of the company's in `language`, from the export format ({"lv": …, "en": …})."""
    if isinstance(value, dict):
        return value.get(language) or value.get("lv", "")
    return value or ""


def _purpose(kind: str, informal: bool) -> str:
    """What a kind of cookies is for, in the form of address of the policy ("Jūs" or "tu")."""
    if kind == CookieCategory.NECESSARY:
        if informal:
            return pgettext(
                "informal",
                "They make the website work, for example keep the shopping cart or your choice "
                "about cookies. They cannot be switched off.",
            )
        return _(
            "They make the website work, for example keep the shopping cart or your choice "
            "about cookies. They cannot be switched off."
        )
    if kind == CookieCategory.PREFERENCES:
        if informal:
            return pgettext(
                "informal",
                "They remember the settings you chose, such as the language, and run helpers "
                "such as the chat window.",
            )
        return _(
            "They remember the settings you chose, such as the language, and run helpers such "
            "as the chat window."
        )
    if kind == CookieCategory.STATISTICS:
        return _("They help us understand how visitors use the website, so that we can improve it.")
    return _("They let us and our partners show relevant advertising and measure its effect.")
