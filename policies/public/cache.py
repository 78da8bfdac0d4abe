"""The public pages' own cache: each page's whole response, ready to send.

`PublicPagesMiddleware` answers a public page it keeps before the middleware listed after it
run (session, authentication, CSRF, messages, history: a public page reads none of them), as
Django's own FetchFromCacheMiddleware does, and keeps the pages that views marked with
`cached` as they leave, with the headers that middleware added.

A page is looked up by its address, the day (the version in force changes at midnight of an
effective date, without any write) and its company's generation, a value that publishing,
company changes, offboarding and restoring a backup change (`forget`). It is kept in two
places:

- the cache framework (`PUBLIC_PAGES_CACHE`, Redis with `CACHE_URL` or `REDIS_URL`, shared by
  every process and server; local memory otherwise), until the end of the day;
- the process itself, for `PUBLIC_PAGES_LOCAL_SECONDS` (1 s by default): a page read many times
  a second costs no round trip at all. A change made elsewhere reaches this process within
  that time; 0 turns the local copy off.

A cache that is down is skipped: the page is made from the database as if nothing were kept.
"""

import datetime
import functools
import hashlib
import logging
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

log = logging.getLogger(__name__)

PREFIX = "/p/"  # the public pages' addresses, /p/<company>/... (policyhub/urls.py)
SAFE = ("GET", "HEAD")
LOCAL_ENTRIES = 512  # pages kept in each process at the most
CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
FORMAT = 2  # of the entries kept; part of their keys


@dataclass(frozen=True)
class Entry:
    """A response as it left the middleware below PublicPagesMiddleware."""

    content: bytes
    headers: tuple[tuple[str, str], ...]
    last_modified: int | None  # Last-Modified, in seconds since the epoch

    @classmethod
    def of(cls, response) -> "Entry":
        modified = response.get("Last-Modified")
        return cls(
            content=response.content,
            headers=tuple(response.headers.items()),
            last_modified=parse_http_date_safe(modified) if modified else None,
        )

    def respond(self, request):
        response = None
        if any(name in request.META for name in CONDITIONAL):
            response = self._not_modified(request)
        if response is None:
            response = HttpResponse(self.content)
            for name, value in self.headers:
                response[name] = value
        return response

    def _not_modified(self, request):
        """A 304 (or 412) when the visitor's copy is this one, repeating the headers that
        describe it; None otherwise."""
        headers = dict(self.headers)
        etag = headers.get("ETag")
        if not (etag or self.last_modified):
            return None
        response = get_conditional_response(request, etag=etag, last_modified=self.last_modified)
        if response is not None:
            for name in ("ETag", "Last-Modified", "Cache-Control", "Access-Control-Allow-Origin"):
                if name in headers:
                    response[name] = headers[name]
        return response


class _Local:
    """Pages and generations kept in this process for a moment."""

    def __init__(self):
        self.entries: OrderedDict[str, tuple[float, object]] = OrderedDict()
        self.day = (None, "")  # (second, local date): the date is worked out once a second

    def today(self) -> str:
        second = int(time.time())
        if self.day[0] != second:
            self.day = (second, timezone.localdate().isoformat())
        return self.day[1]

    def get(self, key):
        found = self.entries.get(key)
        if found is None:
            return None
        expires, value = found
        if expires < time.monotonic():
            self.entries.pop(key, None)
            return None
        return value

    def put(self, key, value, seconds):
        if seconds <= 0:
            return
        self.entries[key] = (time.monotonic() + seconds, value)
        self.entries.move_to_end(key)
        while len(self.entries) > LOCAL_ENTRIES:
            self.entries.popitem(last=False)

    def clear(self):
        self.entries.clear()
        self.day = (None, "")


local = _Local()


def _shared():
    return caches[settings.PUBLIC_PAGES_CACHE]


def _shared_get(key):
    try:
        return _shared().get(key)
    except Exception:  # a cache that is down: the database answers instead
        log.warning("The public pages' cache cannot be read; serving from the database.")
        return None


def _shared_set(key, value, timeout):
    try:
        _shared().set(key, value, timeout)
    except Exception:
        log.warning("The public pages' cache cannot be written.")


def _seconds_to_midnight() -> int:
    now = timezone.localtime()
    tomorrow = datetime.datetime.combine(now.date() + datetime.timedelta(days=1), datetime.time())
    return max(1, int((tomorrow.replace(tzinfo=now.tzinfo) - now).total_seconds()))


def _local_seconds() -> float:
    return min(settings.PUBLIC_PAGES_LOCAL_SECONDS, _seconds_to_midnight())


def _generation(company: str) -> str:
    key = f"public:generation:{company}"
    found = local.get(key)
    if found is None:
        found = _shared_get(key) or "0"
        local.put(key, found, _local_seconds())
    return found


def _key(request) -> str:
    company = request.path.split("/", 3)[2]  # /p/<company>/...
    day = local.today()
    view = request.GET.get("view", "") if request.META.get("QUERY_STRING") else ""
    raw = f"{FORMAT}|{company}|{_generation(company)}|{day}|{request.path}|{view}"
    return "public:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _get(key):
    entry = local.get(key)
    if entry is None:
        entry = _shared_get(key)
        if entry is not None:
            local.put(key, entry, _local_seconds())
    return entry


def _put(key, entry):
    _shared_set(key, entry, _seconds_to_midnight() + 60)
    local.put(key, entry, _local_seconds())


def forget(company: str) -> None:
    """Every page of `company` is made anew: in this process at once, elsewhere within
    PUBLIC_PAGES_LOCAL_SECONDS. Called inside the transaction that changes what the pages
    show, it forgets again when the transaction commits, in case another process made a page
    from the old rows in between."""
    _forget(company)
    transaction.on_commit(lambda: _forget(company))


def _forget(company: str) -> None:
    _shared_set(f"public:generation:{company}", uuid.uuid4().hex, None)
    local.clear()


def cached(view):
    """Mark the complete answers of a public view (200, not streamed, no cookie) to be kept
    by PublicPagesMiddleware. The view makes the whole page even for a visitor's
    revalidation: the middleware keeps it and answers the revalidation from what it keeps."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in SAFE:
            return view(request, *args, **kwargs)
        kept = {name: request.META.pop(name) for name in CONDITIONAL if name in request.META}
        try:
            response = view(request, *args, **kwargs)
        finally:
            request.META.update(kept)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            if "Content-Language" not in response and not response.get(
                "Content-Type", ""
            ).startswith("application/json"):
                response["Content-Language"] = kwargs.get("language", "lv")
            response.keep_public = True
        response.same_for_everyone = True  # its address says it all: no Vary, path language
        return response

    return wrapper


class PublicPagesMiddleware:
    """Answers public pages from the cache, and keeps those that views marked with `cached`.

    Listed after SecurityMiddleware (the HTTPS redirect, and its headers on every answer)
    and before SessionMiddleware: a member's answer that renews the session cookie is not
    kept, and a page kept is the same for members and visitors.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE or not request.path.startswith(PREFIX):
            return self.get_response(request)
        key = _key(request)
        entry = _get(key)
        if entry is None:
            response = self.get_response(request)
            if not getattr(response, "keep_public", False) or response.cookies:
                return response
            entry = Entry.of(response)
            _put(key, entry)
        return entry.respond(request)


def kept(company: str, name: str, make):
    """A value made from a company's published versions (not None), kept as its pages are:
    made anew after `forget(company)` and each day."""
    raw = f"{FORMAT}|{company}|{_generation(company)}|{local.today()}|value:{name}"
    key = "public:value:" + hashlib.sha256(raw.encode()).hexdigest()
    found = _get(key)
    if found is None:
        found = make()
        _put(key, found)
    return found
