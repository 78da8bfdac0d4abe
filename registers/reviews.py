"""When a company's records of processing were last reviewed, cheaply: the oldest review date
of its activities (every purpose of every document), for the dashboard's reminder and the
list of a reviewer's clients. `registers.build` gives the same date with the whole register.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Min, Q
from django.utils import timezone

from policies.models import Purpose
from registers.build import REVIEW_DAYS


@dataclass(frozen=True)
class Review:
    activities: int
    last_reviewed: datetime.date | None  # None while any activity was never reviewed

    @property
    def due(self) -> bool:
        """Reviewed more than a year ago, or never: the dashboard says so."""
        if not self.activities:
            return False
        if self.last_reviewed is None:
            return True
        return (timezone.localdate() - self.last_reviewed).days > REVIEW_DAYS


def review(tenant) -> Review:
    figures = Purpose.objects.for_tenant(tenant).aggregate(
        activities=Count("pk"),
        never=Count("pk", filter=Q(reviewed_on__isnull=True)),
        oldest=Min("reviewed_on"),
    )
    return Review(
        activities=figures["activities"],
        last_reviewed=None if figures["never"] else figures["oldest"],
    )
