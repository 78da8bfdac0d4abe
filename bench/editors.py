"""LOAD-2's virtual editors over HTTP. Each logs in once (session cookie, CSRF token), then
every cycle autosaves one wizard step with the revision it last saw (the POST and the page it
is redirected to) and views other pages in between. Once, mid-run, it also posts a save with
the revision before that, which must be refused as a conflict (409)."""

import re
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from bench.openloop import Exchange, Sample, exchange, sample, sleep_until

CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
REVISION = re.compile(rb'name="revision" value="(\d+)"')
STEP = "security"  # the step autosaved: its revision is what CONC-1 is about
MEASURES = ["tls", "access_control", "backups"]
MAX_REDIRECTS = 5
LOGIN = "/accounts/login/"


@dataclass(frozen=True)
class Account:
    email: str
    password: str
    company: str
    document: str

    def document_path(self, rest: str = "") -> str:
        return f"/t/{self.company}/documents/{self.document}/{rest}"


@dataclass
class Editor:
    """One virtual editor and what it saw: the texts it saved successfully, in order, and
    the stale saves it posted with the status each got."""

    number: int
    account: Account
    saved: list[str] = field(default_factory=list)
    stale: list[tuple[str, int]] = field(default_factory=list)
    revision_jumps: list[str] = field(default_factory=list)
    samples: list[Sample] = field(default_factory=list)


class Browser:
    """One person's cookies and CSRF token; every request is timed into `samples`."""

    def __init__(self, port: int, origin: float, samples: list[Sample]):
        self.port, self.origin, self.samples = port, origin, samples
        self.cookies: dict[str, str] = {}
        self.token = ""

    def request(
        self,
        kind: str,
        path: str,
        expected: int | tuple[int, ...],
        due: float | None = None,
        form: dict | None = None,
    ) -> Exchange:
        """GET `path`, or POST `form` to it; `due` (default: now) is when it was meant to go."""
        due = time.monotonic() if due is None else due
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode({"csrfmiddlewaretoken": self.token, **form}, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
        ex = exchange(self.port, "GET" if form is None else "POST", path, headers, body)
        self.samples.append(sample(kind, self.origin, due, ex, expected))
        self._remember(ex)
        return ex

    def follow(self, kind: str, ex: Exchange) -> Exchange:
        """Follow redirects as a browser does, up to the page they lead to."""
        for _ in range(MAX_REDIRECTS):
            if ex.status not in (301, 302, 303):
                break
            ex = self.request(kind, ex.headers["Location"], (200, 302))
        return ex

    def _remember(self, ex: Exchange) -> None:
        for header in ex.headers.get_all("Set-Cookie", []) if ex.headers else []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        if token := CSRF_TOKEN.search(ex.body):
            self.token = token[1].decode()


def _revision(ex: Exchange) -> int | None:
    found = REVISION.search(ex.body)
    return int(found[1]) if found else None


@dataclass(frozen=True)
class Plan:
    offset: float  # seconds from the start when this editor logs in
    seconds: float  # nothing is scheduled after this
    cycle: float  # seconds between autosaves
    views: int  # page views between two autosaves
    pages: tuple[str, ...]  # viewed in turn, each editor starting at its own place
    stale_cycle: int  # the cycle after whose autosave the stale save is posted


def run(editor: Editor, port: int, origin: float, plan: Plan, stop: threading.Event) -> None:
    """The editor's whole session, on its schedule from `origin` (a time.monotonic())."""
    browser = Browser(port, origin, editor.samples)
    account = editor.account
    sleep_until(origin + plan.offset)
    _log_in(browser, account, origin + plan.offset)
    step = account.document_path(f"wizard/{STEP}/")
    revision = _revision(browser.request("step page", step, 200))
    slot = plan.cycle / (plan.views + 1)
    for cycle in range(int((plan.seconds - plan.offset) // plan.cycle) + 1):
        start = origin + plan.offset + 1 + cycle * plan.cycle
        for i in range(plan.views + 1):
            due = start + i * slot
            if due - origin >= plan.seconds or stop.is_set():
                return
            sleep_until(due)
            if i == 0:
                revision = _autosave(browser, editor, step, revision, due, cycle)
                if cycle == plan.stale_cycle and revision is not None:
                    _stale_save(browser, editor, step, revision)
            else:
                page = plan.pages[(editor.number + cycle * plan.views + i) % len(plan.pages)]
                browser.request("page view", account.document_path(page), 200, due)


def _log_in(browser: Browser, account: Account, due: float) -> None:
    """The log-in page, its form posted, and the redirects to the company's dashboard."""
    browser.request("log-in page", LOGIN, 200, due)
    credentials = {"username": account.email, "password": account.password}
    browser.follow(
        "log-in redirects", browser.request("log-in POST", LOGIN, 302, None, credentials)
    )


def _autosave(browser, editor, step, revision, due, cycle) -> int | None:
    """Save the step with `revision`; returns the revision the page shows afterwards."""
    if revision is None:  # not known yet, or the last page did not show it
        revision = _revision(browser.request("step page", step, 200, due))
        if revision is None:
            return None
        due = None
    text = f"Automātiski saglabāts: redaktors {editor.number}, cikls {cycle}."
    form = {
        "revision": revision,
        "action": "save",
        "section-measures": MEASURES,
        "section-description": text,
    }
    ex = browser.request("autosave POST", step, 302, due, form)
    if ex.status != 302:
        return _revision(ex)  # a conflict page shows the revision saved now
    editor.saved.append(text)
    new = _revision(browser.follow("autosave redirect", ex))
    if new != revision + 1:
        editor.revision_jumps.append(f"saved at {revision}, then the page showed {new}")
    return new


def _stale_save(browser, editor, step, revision) -> None:
    text = f"Novecojis saglabājums: redaktors {editor.number}."
    form = {
        "revision": revision - 1,
        "action": "save",
        "section-measures": [],
        "section-description": text,
    }
    ex = browser.request("stale save (409 expected)", step, 409, None, form)
    editor.stale.append((text, ex.status))
    if ex.status in (301, 302, 303):
        browser.follow("stale save redirect", ex)
