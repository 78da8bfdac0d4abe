"""The tracker catalogue a scan is matched against, kept as data in policies/data/:

- the cookie tools (`cookies.json`): cookie name patterns and hosts, and the kind of cookies
  the tool sets (what the cookie step and the banner call it);
- the hosts of the other known processors a website may contact without cookies of their own
  (`website_hosts.json`): fonts, payment widgets, parcel-locker maps.

Every entry has the key of its processor catalogue entry (`processors.json`), so a match can
fill a recipient row too. A host pattern is a domain (it matches its subdomains) optionally
followed by the first segment of the path ("google.com/maps").
"""

import json
import re
from dataclasses import dataclass
from functools import cache

from policies import catalogue


@dataclass(frozen=True)
class Tracker:
    key: str
    category: str  # the kind of cookies; "" for a processor the cookie step does not list
    hosts: tuple[str, ...]
    cookies: tuple[str, ...]  # name patterns, "*" standing for any characters

    @property
    def processor(self) -> catalogue.Processor:
        return catalogue.PROCESSORS_BY_KEY[self.key]

    @property
    def cookie_tool(self) -> bool:
        """Whether the cookie step lists this tool."""
        return self.key in catalogue.COOKIE_TOOLS_BY_KEY

    @property
    def needs_consent(self) -> bool:
        return bool(self.category) and self.category != "necessary"


def _load() -> tuple[Tracker, ...]:
    trackers = [
        Tracker(
            key=tool.key,
            category=tool.category,
            hosts=tool.hosts,
            cookies=tuple(cookie.name for cookie in tool.cookies),
        )
        for tool in catalogue.COOKIE_TOOLS
    ]
    with open(catalogue.DATA / "website_hosts.json", encoding="utf-8") as f:
        for row in json.load(f):
            trackers.append(Tracker(row["key"], "", tuple(row["hosts"]), ()))
    return tuple(trackers)


TRACKERS = _load()
BY_KEY = {t.key: t for t in TRACKERS}


@cache
def _pattern(pattern: str) -> re.Pattern:
    return re.compile("".join(".*" if c == "*" else re.escape(c) for c in pattern))


def name_matches(pattern: str, name: str) -> bool:
    """Whether a cookie or storage `name` fits `pattern` ("_ga_*" fits "_ga_ABC123")."""
    return bool(_pattern(pattern).fullmatch(name))


def by_name(name: str) -> Tracker | None:
    for tracker in TRACKERS:
        if any(name_matches(pattern, name) for pattern in tracker.cookies):
            return tracker
    return None


def host_matches(pattern: str, host: str, segments: tuple[str, ...] = ()) -> bool:
    domain, _, segment = pattern.partition("/")
    if not (host == domain or host.endswith("." + domain)):
        return False
    return not segment or segment in segments


def by_host(host: str, segments: tuple[str, ...] = ()) -> Tracker | None:
    """The tracker whose most specific pattern matches `host` (with the first segments of the
    paths the website requested from it)."""
    best, length = None, -1
    for tracker in TRACKERS:
        for pattern in tracker.hosts:
            if host_matches(pattern, host, segments) and len(pattern) > length:
                best, length = tracker, len(pattern)
    return best
