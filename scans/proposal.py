"""A scan read against the answers: what to add, what may be stale, and what the website does
before consent although it needs consent.

- found, not declared: a known tool (cookie step), a known processor (recipients step), or a
  cookie or storage entry no answer accounts for (the cookie table);
- declared, not found: a tool or a cookie of the answers the scan did not meet (it may live
  behind a log-in or on a page the scan did not reach, so it is a question, not a verdict);
- set before consent: a cookie or storage entry that needs consent, present before the banner
  was answered, and the hosts of such tools contacted before it (a compliance finding).

Each finding of the first two kinds has an action (`scans.apply`) that goes through the
wizard's forms. The proposal is computed each time from the scan and the current answers, so a
finding disappears once its answer is given.
"""

import datetime
import math
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from policies.choices import CookieCategory, PeriodUnit
from policies.grammar import period
from policies.models import Cookie
from scans import trackers


@dataclass(frozen=True)
class Finding:
    action: str  # add_tool, add_recipient, add_cookie, remove_tool, remove_cookie, "" (none)
    subject: str  # what the action acts on: a catalogue key, a cookie name or a row's id
    name: str  # what the page shows
    detail: str = ""
    category: str = ""  # the kind of cookies, when known

    @property
    def category_label(self) -> str:
        return str(CookieCategory(self.category).label) if self.category else ""


@dataclass
class Proposal:
    found: list[Finding] = field(default_factory=list)
    missing: list[Finding] = field(default_factory=list)
    before_consent: list[Finding] = field(default_factory=list)
    other_hosts: list[str] = field(default_factory=list)
    tools: set[str] = field(default_factory=set)  # catalogue keys the scan met

    def find(self, action: str, subject: str) -> Finding | None:
        for finding in self.found + self.missing:
            if finding.action == action and finding.subject == subject:
                return finding
        return None

    @property
    def empty(self) -> bool:
        return not (self.found or self.missing or self.before_consent)


def seen_tools(result: dict) -> dict[str, str]:
    """The catalogue keys the scan met, each with what showed it (a cookie or a host)."""
    tools: dict[str, str] = {}
    for entry in result.get("cookies", []) + result.get("storage", []):
        tracker = trackers.by_name(entry["name"])
        if tracker:
            tools.setdefault(tracker.key, entry["name"])
    for host in result.get("hosts", []):
        tracker = trackers.by_host(host["host"], tuple(host.get("segments", ())))
        if tracker:
            tools.setdefault(tracker.key, host["host"])
    return tools


def declared_row(cookie_rows, name: str):
    for row in cookie_rows:
        if row.name and trackers.name_matches(row.name.strip(), name):
            return row
    return None


def propose(result: dict, answers) -> Proposal:
    proposal = Proposal()
    cookies = answers.cookies
    declared_tools = set(cookies.tool_keys or [])
    recipients = {r.catalogue_key for r in answers.recipients if r.catalogue_key}
    tools = seen_tools(result)
    proposal.tools = set(tools)

    for key, evidence in sorted(tools.items()):
        tracker = trackers.BY_KEY[key]
        name = tracker.processor.name
        if tracker.cookie_tool and key not in declared_tools:
            proposal.found.append(
                Finding(
                    "add_tool",
                    key,
                    name,
                    _("Seen: %(evidence)s") % {"evidence": evidence},
                    tracker.category,
                )
            )
        if key not in recipients:
            proposal.found.append(
                Finding(
                    "add_recipient",
                    key,
                    name,
                    _("Receives visitors' data (at least their IP address): %(evidence)s")
                    % {"evidence": evidence},
                )
            )

    entries = [(c, "cookie") for c in result.get("cookies", [])] + [
        (s, "storage") for s in result.get("storage", [])
    ]
    seen_names = set()
    for entry, kind in entries:
        name = entry["name"]
        tracker = trackers.by_name(name)
        row = declared_row(answers.cookie_rows, name)
        category = tracker.category if tracker else (row.category if row else "")
        # A name longer than the cookie table holds is listed among the records only.
        addable = len(name) <= Cookie._meta.get_field("name").max_length
        if tracker is None and row is None and addable and name not in seen_names:
            proposal.found.append(Finding("add_cookie", name, name, where(entry, kind)))
        seen_names.add(name)
        if entry.get("phase") == "before" and category and category != "necessary":
            proposal.before_consent.append(Finding("", name, name, where(entry, kind), category))

    policyhub = result.get("banner", {}).get("host", "")
    for host in result.get("hosts", []):
        tracker = trackers.by_host(host["host"], tuple(host.get("segments", ())))
        if tracker is None:
            if host["host"] != policyhub:
                proposal.other_hosts.append(host["host"])
        elif host.get("phase") == "before" and tracker.needs_consent:
            proposal.before_consent.append(
                Finding(
                    "",
                    host["host"],
                    host["host"],
                    _("%(tool)s was loaded before consent.") % {"tool": tracker.processor.name},
                    tracker.category,
                )
            )

    for key in sorted(declared_tools - set(tools)):
        if key in trackers.BY_KEY:
            proposal.missing.append(
                Finding("remove_tool", key, trackers.BY_KEY[key].processor.name)
            )
    names = [e["name"] for e, _kind in entries]
    for row in answers.cookie_rows:
        pattern = row.name.strip()
        if pattern and not any(trackers.name_matches(pattern, n) for n in names):
            proposal.missing.append(Finding("remove_cookie", str(row.pk), pattern))
    return proposal


def where(entry: dict, kind: str) -> str:
    if kind == "storage":
        store = _("local storage") if entry.get("kind") == "local" else _("session storage")
        return _("%(store)s, first seen on %(page)s") % {"store": store, "page": entry["page"]}
    return _("set by %(domain)s, first seen on %(page)s") % {
        "domain": entry["domain"],
        "page": entry["page"],
    }


def duration(entry: dict, kind: str, scanned: datetime.datetime, language: str) -> str:
    """How long a cookie or storage entry lasts, in words of `language` ("2 gadi")."""
    with translation.override(language):
        if kind == "storage":
            return _("until deleted") if entry.get("kind") == "local" else _("session")
        expires = entry.get("expires")
        if expires is None:
            return _("session")
        days = max(1, math.ceil((expires - scanned.timestamp()) / 86400))
        if days >= 365 and days % 365 < 31:
            return period(round(days / 365), PeriodUnit.YEARS)
        if days >= 60:
            return period(round(days / 30), PeriodUnit.MONTHS)
        return period(days, PeriodUnit.DAYS)


def entry_named(result: dict, name: str) -> tuple[dict, str] | None:
    for entry in result.get("cookies", []):
        if entry["name"] == name:
            return entry, "cookie"
    for entry in result.get("storage", []):
        if entry["name"] == name:
            return entry, "storage"
    return None


@dataclass
class Changes:
    since: datetime.datetime
    new: list[str]
    gone: list[str]


def changes(result: dict, earlier) -> Changes | None:
    """What appeared and disappeared since the `earlier` scan (cookies, storage, hosts)."""
    if earlier is None:
        return None

    def things(r):
        return (
            {f"{c['name']} ({c['domain']})" for c in r.get("cookies", [])}
            | {s["name"] for s in r.get("storage", [])}
            | {h["host"] for h in r.get("hosts", [])}
        )

    now, before = things(result), things(earlier.result)
    return Changes(earlier.created_at, sorted(now - before), sorted(before - now))
