"""What a document's consent records say, for its company: the choices made each day, the
latest records, every record of one consent ID, and all of them for the CSV export.

Every query is narrowed to the company and the document. The figures per day come from one
aggregate query, grouped by the day in the project's time zone, however many days or records
the period has.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from consent import banner
from consent.models import Choice, ConsentRecord
from policies.choices import CookieCategory
from policies.models import Document

PERIODS = (7, 30, 90)  # days the page offers
DEFAULT_PERIOD = 30
LATEST = 50

# The banner's category names with the policy's words for them.
LABELS = {name: CookieCategory(kind).label for kind, name in banner.CATEGORIES.items()}


def records_of(document: Document) -> QuerySet:
    """The document's consent records (the company's, and only this document's)."""
    return ConsentRecord.objects.for_tenant(document.tenant_id).filter(document=document)


def period(value) -> int:
    """The number of days asked for in `?days=`, one of PERIODS, or the default."""
    try:
        days = int(value)
    except (TypeError, ValueError):
        return DEFAULT_PERIOD
    return days if days in PERIODS else DEFAULT_PERIOD


@dataclass(frozen=True)
class Share:
    """How many of the records that offered a category accepted it."""

    category: str
    accepted: int
    offered: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.accepted / self.offered) if self.offered else None


@dataclass(frozen=True)
class Day:
    """The choices of one day (or, with `date` None, of the whole period)."""

    date: datetime.date | None
    total: int
    accepted_all: int
    rejected_all: int
    custom: int
    shares: tuple[Share, ...]  # one per optional category of the period, in banner order


@dataclass(frozen=True)
class Daily:
    days: tuple[Day, ...]  # every day of the period, oldest first, days without records too
    categories: tuple[str, ...]  # the optional categories the period's records offered
    total: Day

    @property
    def labels(self):
        return [LABELS[name] for name in self.categories]


def _listed(field: str, name: str) -> Q:
    """`name` is in the JSON list `field`. The names are the banner's own (checked when the
    record is made), so the quoted name occurs in the list's text only as an element; this
    reads the same on SQLite and PostgreSQL, whose containment lookups differ."""
    return Q(**{f"{field}__icontains": f'"{name}"'})


def daily(document: Document, days: int = DEFAULT_PERIOD) -> Daily:
    """The records of the last `days` days, today included, counted per day: one query."""
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    first = today - datetime.timedelta(days=days - 1)
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time.min, zone)
    counts = {
        "total": Count("id"),
        "accepted_all": Count("id", filter=Q(choice=Choice.ACCEPT_ALL)),
        "rejected_all": Count("id", filter=Q(choice=Choice.REJECT_ALL)),
        "custom": Count("id", filter=Q(choice=Choice.CUSTOM)),
    }
    for name in banner.OPTIONAL:
        counts[f"yes_{name}"] = Count("id", filter=_listed("accepted", name))
        counts[f"no_{name}"] = Count("id", filter=_listed("rejected", name))
    rows = (
        records_of(document)
        .filter(created_at__gte=start, created_at__lt=end)
        .annotate(day=TruncDate("created_at", tzinfo=zone))
        .values("day")
        .annotate(**counts)
        .order_by("day")
    )
    found = {row["day"]: row for row in rows}
    categories = tuple(
        name
        for name in banner.OPTIONAL
        if any(row[f"yes_{name}"] or row[f"no_{name}"] for row in found.values())
    )

    def day(date, row) -> Day:
        return Day(
            date=date,
            total=row.get("total", 0),
            accepted_all=row.get("accepted_all", 0),
            rejected_all=row.get("rejected_all", 0),
            custom=row.get("custom", 0),
            shares=tuple(
                Share(
                    name,
                    row.get(f"yes_{name}", 0),
                    row.get(f"yes_{name}", 0) + row.get(f"no_{name}", 0),
                )
                for name in categories
            ),
        )

    every = tuple(
        day(date, found.get(date, {}))
        for date in (first + datetime.timedelta(days=n) for n in range(days))
    )
    sums = {key: sum(row[key] for row in found.values()) for key in counts}
    return Daily(every, categories, day(None, sums))


def latest(document: Document, count: int = LATEST) -> list[ConsentRecord]:
    """The newest records, newest first."""
    return list(records_of(document).order_by("-created_at", "-id")[:count])


def consent_id(value: str | None) -> uuid.UUID | None:
    """The consent ID typed into the search, or None when it is not a UUID."""
    try:
        return uuid.UUID((value or "").strip())
    except ValueError:
        return None


def of_consent_id(document: Document, value: uuid.UUID) -> list[ConsentRecord]:
    """Every record of one visitor's consent ID for this document, oldest first: what they
    agreed to, and every change since."""
    return list(records_of(document).filter(consent_id=value).order_by("created_at", "id"))


def every(document: Document):
    """Every record of the document, oldest first, read in chunks (for the CSV export)."""
    return records_of(document).order_by("created_at", "id").iterator(chunk_size=2000)
