"""Visits a website in headless Chromium, in a process of its own, and tells what it found.

Run as `python -m scans.crawler` with the scan's settings as JSON on stdin (`Job` below). It
writes JSON lines on stdout: {"event": "progress", ...} while it works, then one
{"event": "result", ...} or {"event": "error", "code": ...}. It uses no Django and no
database: the task that starts it (`scans.runner`) keeps the scan's row up to date, and kills
this process (and its browser) if it outlives its time.

Every request the browser makes goes through `netguard.FilteringProxy`, which refuses
addresses that are not public, after each DNS resolution and each redirect, and stops at the
byte limit. The browser accepts no downloads and runs no service workers.

The visit has two phases. "before": the start page, then same-origin pages from its links and
its sitemap (at most `max_pages` in all), with no consent given. "after": when PolicyHub's
banner is on the start page, its "accept all" is pressed and the same pages are visited again.
Every cookie and storage entry is kept with the phase in which it first appeared (names, never
values), and every other host the pages contacted.
"""

import contextlib
import json
import re
import sys
import time
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urldefrag, urljoin, urlsplit

from scans.netguard import Blocked, FilteringProxy, Policy, check_url

SKIPPED_EXTENSIONS = re.compile(
    r"\.(pdf|zip|gz|rar|7z|exe|dmg|msi|apk|docx?|xlsx?|pptx?|odt|ods|csv|jpe?g|png|gif|webp|"
    r"svg|ico|mp[34]|mov|avi|webm|wav|ogg|woff2?|ttf|xml|json|txt|rss)$",
    re.IGNORECASE,
)
SITEMAP_LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>", re.IGNORECASE)
BANNER_SCRIPT = re.compile(r"/p/[a-z0-9-]+/[a-z0-9-]+/consent\.js(\?|$)")
# The banner's own record of the scan's "accept all" is not a visitor's consent: not sent.
CONSENT_ENDPOINT = re.compile(r"/p/[a-z0-9-]+/[a-z0-9-]+/consent/$")
STORAGE_KEYS = """() => {
    const keys = [];
    const stores = [["local", window.localStorage], ["session", window.sessionStorage]];
    for (const [kind, store] of stores) {
        try { for (let i = 0; i < store.length; i++) keys.push([kind, store.key(i)]); } catch (e) {}
    }
    return keys;
}"""
BANNER_SCRIPT_SRC = """() => {
    const found = Array.from(document.scripts).find(s => s.src && %s.test(s.src));
    return found ? found.src : "";
}""" % ("/" + BANNER_SCRIPT.pattern.replace("/", "\\/") + "/")
ACCEPT_ALL = "#cc-main [data-role='all']"
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # WebRTC may not reach addresses around the proxy.
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
]


@dataclass
class Job:
    url: str
    chromium: str
    max_pages: int = 20
    seconds: float = 60
    max_bytes: int = 20 * 1024 * 1024
    networks: list[str] = field(default_factory=list)
    hosts: dict[str, list[str]] = field(default_factory=dict)


class Crawl:
    def __init__(self, job: Job, proxy: FilteringProxy, emit):
        self.job = job
        self.proxy = proxy
        self.emit = emit
        self.deadline = time.monotonic() + job.seconds
        self.origin = ""
        self.site = ""  # the site's host without "www.": what counts as first party
        self.pages: list[dict] = []
        self.cookies: dict[tuple, dict] = {}
        self.storage: dict[tuple, dict] = {}
        self.hosts: dict[str, dict] = {}
        self.limits: set[str] = set()
        self.phase = "before"
        self.banner = {"found": False, "accepted": False, "host": ""}
        self.last_error = ""

    # -- time and limits ------------------------------------------------------------------
    def remaining_ms(self) -> int:
        return max(0, int((self.deadline - time.monotonic()) * 1000))

    def stopped(self) -> bool:
        if self.proxy.over_limit:
            self.limits.add("bytes")
        elif self.remaining_ms() < 1500:
            self.limits.add("time")
        else:
            return False
        return True

    # -- what the browser does ------------------------------------------------------------
    def on_request(self, request):
        parts = urlsplit(request.url)
        host = (parts.hostname or "").lower()
        if parts.scheme not in ("http", "https") or not host:
            return
        entry = self.hosts.setdefault(host, {"host": host, "phase": self.phase, "segments": []})
        segment = parts.path.strip("/").split("/", 1)[0][:40]
        if segment and segment not in entry["segments"] and len(entry["segments"]) < 10:
            entry["segments"].append(segment)

    def first_party(self, domain: str) -> bool:
        domain = domain.lstrip(".").lower()
        return bool(self.site) and (
            domain == self.site
            or domain.endswith("." + self.site)
            or self.site.endswith("." + domain)
        )

    def collect(self, context, page, url: str):
        for cookie in context.cookies():
            key = (cookie["name"], cookie["domain"].lstrip("."), cookie["path"])
            if key in self.cookies:
                continue
            expires = cookie.get("expires", -1)
            self.cookies[key] = {
                "name": cookie["name"][:200],
                "domain": key[1][:200],
                "path": cookie["path"][:200],
                "expires": None if expires is None or expires < 0 else int(expires),
                "phase": self.phase,
                "page": url,
            }
        try:
            keys = page.evaluate(STORAGE_KEYS)
        except Exception:  # a page that navigated away meanwhile
            keys = []
        for kind, name in keys:
            key = (kind, name)
            if key not in self.storage:
                self.storage[key] = {
                    "name": str(name)[:200],
                    "kind": kind,
                    "phase": self.phase,
                    "page": url,
                }

    def visit(self, context, page, url: str) -> int | None:
        """Open `url`; the HTTP status, or None when it could not be opened."""
        try:
            response = page.goto(url, wait_until="load", timeout=min(15_000, self.remaining_ms()))
        except Exception as exc:
            self.last_error = "timeout" if "Timeout" in type(exc).__name__ else "unreachable"
            return None
        self.settle(page)
        self.collect(context, page, page.url)
        return response.status if response else None

    def settle(self, page):
        """Wait a moment for late scripts (analytics tags set their cookies after the load
        event), until the network is quiet."""
        with contextlib.suppress(Exception):
            page.wait_for_load_state("networkidle", timeout=min(2_500, self.remaining_ms()))

    # -- the two phases -------------------------------------------------------------------
    def run(self, browser) -> dict:
        context = browser.new_context(
            accept_downloads=False,
            service_workers="block",
            user_agent=browser_user_agent(browser),
        )
        context.on("request", self.on_request)
        context.route(CONSENT_ENDPOINT, lambda route: route.abort())
        page = context.new_page()
        status = self.visit(context, page, self.job.url)
        if status is None or status >= 400:
            return self.start_failed(status)
        final = urlsplit(page.url)
        self.origin = f"{final.scheme}://{final.netloc}"
        self.site = (final.hostname or "").lower().removeprefix("www.")
        self.pages.append({"url": page.url, "status": status})
        script = page.evaluate(BANNER_SCRIPT_SRC)
        self.banner["found"] = bool(script)
        # PolicyHub itself, which serves the banner: not one of the website's services.
        self.banner["host"] = (urlsplit(script).hostname or "").lower() if script else ""
        queue = self.links(page)
        queue += self.sitemap(context)
        self.progress(len(queue))

        for url in queue:
            if len(self.pages) >= self.job.max_pages:
                self.limits.add("pages")
                break
            if self.stopped():
                break
            if any(p["url"] == url for p in self.pages):
                continue
            status = self.visit(context, page, url)
            if status is not None and urlsplit(page.url).netloc == final.netloc:
                self.pages.append({"url": page.url, "status": status})
            self.progress(len(queue))

        if self.banner["found"] and not self.stopped():
            self.accept(context, page)
        page.close()
        context.close()
        return self.result()

    def accept(self, context, page):
        """Press "accept all" in PolicyHub's banner, then visit every page again."""
        self.phase = "after"
        self.progress(len(self.pages))
        if not self.visit(context, page, self.pages[0]["url"]):
            return
        try:
            page.locator(ACCEPT_ALL).first.click(timeout=min(5_000, self.remaining_ms()))
        except Exception:
            return
        self.banner["accepted"] = True
        self.settle(page)
        self.collect(context, page, page.url)
        for done, visited in enumerate(self.pages, start=1):
            if self.stopped():
                break
            self.visit(context, page, visited["url"])
            self.progress(len(self.pages), done)

    def links(self, page) -> list[str]:
        try:
            hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        except Exception:
            hrefs = []
        return self.same_origin(hrefs)

    def sitemap(self, context) -> list[str]:
        """Page addresses from /sitemap.xml (and from the first sitemaps it lists)."""
        found: list[str] = []
        pending = [self.origin + "/sitemap.xml"]
        fetched = 0
        while pending and fetched < 4 and not self.stopped():
            url = pending.pop(0)
            fetched += 1
            page = context.new_page()
            try:
                response = page.goto(url, timeout=min(10_000, self.remaining_ms()))
                body = response.text() if response and response.ok else ""
            except Exception:
                body = ""
            finally:
                page.close()
            for loc in SITEMAP_LOC.findall(body[:2_000_000]):
                loc = unescape(loc)
                if loc.lower().endswith(".xml"):
                    if urlsplit(loc).netloc == urlsplit(self.origin).netloc:
                        pending.append(loc)
                else:
                    found.append(loc)
        return self.same_origin(found)

    def same_origin(self, urls) -> list[str]:
        netloc = urlsplit(self.origin).netloc
        seen, result = set(), []
        for url in urls:
            url = urldefrag(urljoin(self.origin + "/", str(url)))[0]
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or parts.netloc != netloc:
                continue
            if SKIPPED_EXTENSIONS.search(parts.path) or url in seen:
                continue
            seen.add(url)
            result.append(url)
        return result

    def progress(self, total: int, done: int | None = None):
        self.emit(
            {
                "event": "progress",
                "phase": self.phase,
                "done": len(self.pages) if done is None else done,
                "total": min(total + (1 if self.phase == "before" else 0), self.job.max_pages),
            }
        )

    def start_failed(self, status) -> dict:
        host = (urlsplit(self.job.url).hostname or "").lower()
        for target, reason in self.proxy.blocked:
            if host and host in target.lower():
                code = reason if reason in ("resolve", "port") else "blocked"
                return {"event": "error", "code": code, "detail": reason}
        code = "timeout" if status is None and self.last_error == "timeout" else "unreachable"
        return {"event": "error", "code": code, "detail": str(status or "")}

    def blocked(self) -> list[dict]:
        """What the proxy refused of the pages' requests (not the browser's own background
        requests, such as its update checks)."""
        hosts = set(self.hosts) | {(urlsplit(self.job.url).hostname or "").lower()}
        refused = []
        for target, reason in self.proxy.blocked:
            host = urlsplit(target).hostname if "://" in target else target.rsplit(":", 1)[0]
            if (host or "").lower().strip("[]") in hosts and len(refused) < 50:
                refused.append({"target": target[:200], "reason": reason})
        return refused

    def result(self) -> dict:
        return {
            "event": "result",
            "url": self.job.url,
            "origin": self.origin,
            "pages": self.pages,
            "banner": self.banner,
            "cookies": sorted(
                (
                    {**c, "party": "first" if self.first_party(c["domain"]) else "third"}
                    for c in self.cookies.values()
                ),
                key=lambda c: (c["name"], c["domain"]),
            ),
            "storage": sorted(self.storage.values(), key=lambda s: (s["kind"], s["name"])),
            "hosts": sorted(
                (h for h in self.hosts.values() if not self.first_party(h["host"])),
                key=lambda h: h["host"],
            ),
            "blocked": self.blocked(),
            "limits": sorted(self.limits),
            "bytes": self.proxy.bytes_received,
        }


def browser_user_agent(browser) -> str:
    """Chromium's own user agent, without the word websites use to turn headless visitors
    away."""
    page = browser.new_page()
    try:
        return page.evaluate("navigator.userAgent").replace("HeadlessChrome", "Chrome")
    finally:
        page.close()


def crawl(job: Job, emit) -> dict:
    try:
        check_url(job.url)
    except Blocked as blocked:
        code = "port" if blocked.reason == "port" else "blocked"
        return {"event": "error", "code": code, "detail": blocked.reason}
    from playwright.sync_api import sync_playwright

    policy = Policy.from_strings(job.networks, job.hosts)
    proxy = FilteringProxy(policy, max_bytes=job.max_bytes)
    port = proxy.start()
    try:
        with sync_playwright() as playwright:
            try:
                browser = playwright.chromium.launch(
                    executable_path=job.chromium or None,
                    proxy={"server": f"http://127.0.0.1:{port}"},
                    args=BROWSER_ARGS,
                )
            except Exception as exc:
                return {"event": "error", "code": "browser", "detail": str(exc)[:300]}
            try:
                return Crawl(job, proxy, emit).run(browser)
            finally:
                browser.close()
    finally:
        proxy.close()


def main() -> int:
    job = Job(**json.loads(sys.stdin.read()))

    def emit(event: dict):
        sys.stdout.write(json.dumps(event) + "\n")
        sys.stdout.flush()

    emit(crawl(job, emit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
