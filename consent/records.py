"""Consent records made from the choices the cookie banner sends (`consent.views.record`).

The endpoint is public and cross-origin, so everything it is sent is checked before anything
is stored: the document must exist and have a banner, the page's origin must be one of the
websites the company declared, the body small and exactly of the expected shape, the banner
one PolicyHub actually served for the document, the categories its own, and the consent ID
not one already used for another document. A refusal stores nothing.
"""

import ipaddress
import json
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consent import banner
from consent.models import Choice, ConsentRecord
from policies.models import Document
from policies.public import cache as public_cache

TOO_LARGE = _("The consent record is too large.")
FIELDS = {"consent_id", "choice", "accepted", "rejected", "version", "revision", "hash", "language"}


class Refused(Exception):
    """A choice that is not stored, with the HTTP status and the reason given back."""

    def __init__(self, status: int, message):
        super().__init__(str(message))
        self.status = status
        self.message = str(message)


@dataclass(frozen=True)
class Target:
    """The document a banner belongs to, and every banner it has served."""

    tenant_id: int
    document_id: int
    origins: tuple[str, ...]
    states: tuple[banner.State, ...]


def target(tenant_slug: str, doc_slug: str) -> Target | None:
    """The document with a banner at these slugs, or None; kept with the public pages."""

    def make():
        document = (
            Document.objects.filter(tenant__slug=tenant_slug, slug=doc_slug)
            .select_related("tenant")
            .only("id", "tenant__id", "tenant__embed_origins")
            .first()
        )
        states = banner.states(tenant_slug, doc_slug) if document else ()
        if not states:
            return ()  # kept too: unknown documents cost no query either
        return Target(document.tenant_id, document.pk, tuple(document.tenant.embed_origins), states)

    return public_cache.kept(tenant_slug, f"consent:{doc_slug}", make) or None


def pseudonymise(address: str | None) -> str:
    """The address without the part that tells one household from its neighbours: the last
    byte of IPv4 (/24), all but the first 48 bits of IPv6."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return ""
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)


def too_many(address: str) -> bool:
    """More than CONSENT_RATE_LIMIT choices from this (shortened) address this minute. A
    cache that is down limits nothing."""
    key = f"consent:rate:{address}:{int(timezone.now().timestamp() // 60)}"
    try:
        cache.add(key, 0, 120)
        return cache.incr(key) > settings.CONSENT_RATE_LIMIT
    except Exception:
        return False


def language_of(body: bytes) -> str:
    """The language the banner spoke, for the reason of a refusal; Latvian when unknown."""
    try:
        language = json.loads(body).get("language")
    except (ValueError, AttributeError):
        return "lv"
    return language if language in banner.LANGUAGES else "lv"


def parse(body: bytes) -> dict:
    if len(body) > settings.CONSENT_MAX_BODY:
        raise Refused(413, TOO_LARGE)
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Refused(400, _("The consent record is not JSON.")) from None
    if not isinstance(data, dict) or set(data) != FIELDS:
        raise Refused(
            400,
            _("The consent record must have exactly these fields: %(fields)s.")
            % {"fields": ", ".join(sorted(FIELDS))},
        )
    try:
        data["consent_id"] = uuid.UUID(str(data["consent_id"]))
    except ValueError:
        raise Refused(400, _("The consent ID is not a UUID.")) from None
    if data["choice"] not in Choice.values:
        raise Refused(400, _("Unknown choice."))
    for name in ("accepted", "rejected"):
        value = data[name]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise Refused(400, _("The categories must be lists of names."))
        if len(set(value)) != len(value):
            raise Refused(400, _("A category is named twice."))
    for name in ("version", "revision"):
        if type(data[name]) is not int or data[name] < 1:
            raise Refused(400, _("The version and the revision must be positive numbers."))
    if not isinstance(data["hash"], str) or data["language"] not in banner.LANGUAGES:
        raise Refused(400, _("Unknown banner or language."))
    return data


def check(data: dict, state: banner.State) -> None:
    """The categories are the banner's, each either accepted or refused, and the choice
    agrees with them."""
    accepted, rejected = set(data["accepted"]), set(data["rejected"])
    if not (accepted | rejected) <= set(state.categories):
        raise Refused(400, _("Unknown cookie category."))
    if accepted & rejected or accepted | rejected != set(state.categories):
        raise Refused(400, _("Every category must be either accepted or refused."))
    if "necessary" not in accepted:
        raise Refused(400, _("Strictly necessary cookies cannot be refused."))
    expected = {
        Choice.ACCEPT_ALL: not rejected,
        Choice.REJECT_ALL: accepted == {"necessary"},
        Choice.CUSTOM: True,
    }
    if not expected[data["choice"]]:
        raise Refused(400, _("The choice does not match the categories."))


def record(*, tenant_slug, doc_slug, origin, address, body, at=None) -> ConsentRecord:
    """Store the choice sent in `body`, or raise Refused."""
    shortened = pseudonymise(address)
    if too_many(shortened):
        raise Refused(429, _("Too many consent records from this address; try again later."))
    found = target(tenant_slug, doc_slug)
    if found is None:
        raise Refused(404, _("No such document."))
    if origin not in found.origins:
        raise Refused(403, _("This website is not one the company declared."))
    data = parse(body)
    state = next(
        (
            s
            for s in found.states
            if (s.version, s.revision, s.hash) == (data["version"], data["revision"], data["hash"])
        ),
        None,
    )
    if state is None:
        raise Refused(400, _("This banner was not served for this document."))
    check(data, state)
    with transaction.atomic():
        _lock(data["consent_id"])
        elsewhere = (
            ConsentRecord.objects.filter(consent_id=data["consent_id"])
            .exclude(document_id=found.document_id)
            .exists()
        )
        if elsewhere:
            raise Refused(409, _("This consent ID belongs to another document."))
        return _store(found, state, data, origin, shortened, at)


def _lock(consent_id: uuid.UUID) -> None:
    """Two choices with one consent ID wait for each other until the first is stored, so that
    the check for another document's use of it cannot miss one made at the same moment. On
    PostgreSQL a transaction-level advisory lock keyed by the ID; SQLite runs one writing
    transaction at a time anyway (IMMEDIATE transactions, see settings)."""
    if connection.vendor == "postgresql":
        key = consent_id.int % (1 << 63)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _store(found, state, data, origin, shortened, at) -> ConsentRecord:
    order = {name: index for index, name in enumerate(banner.NAMES)}
    return ConsentRecord.objects.create(
        tenant_id=found.tenant_id,
        document_id=found.document_id,
        consent_id=data["consent_id"],
        created_at=at or timezone.now(),
        choice=data["choice"],
        accepted=sorted(data["accepted"], key=order.get),
        rejected=sorted(data["rejected"], key=order.get),
        version=state.version,
        revision=state.revision,
        config_hash=state.hash,
        language=data["language"],
        origin=origin,
        address=shortened,
    )
