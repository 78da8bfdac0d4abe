"""The company's side of the consent records, per document, for owners and reviewers: the
choices made each day, the latest records, a search by consent ID and the CSV export.

The records are the company's proof of consent: they tell what a visitor was shown and what
they chose, so a company can answer "what did I agree to?" and show a supervisory authority
that consent was given. The figures and queries are in `consent.stats`.
"""

import csv
import datetime

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils.text import capfirst

from consent import stats
from consent.chart import chart
from consent.models import Choice, ConsentRecord
from policies.views.common import get_document
from tenants.access import CompanyRequest, company_view
from tenants.roles import Perm

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The export's columns, named as the record's fields are.
COLUMNS = (
    "created_at",
    "consent_id",
    "choice",
    "accepted",
    "rejected",
    "version",
    "revision",
    "language",
    "origin",
    "address",
    "config_hash",
)


@company_view(Perm.REVIEW)
def records(request: CompanyRequest, doc_slug):
    document = get_document(request, doc_slug)
    days = stats.period(request.GET.get("days"))
    daily = stats.daily(document, days)
    context = {
        "document": document,
        "days": days,
        "periods": stats.PERIODS,
        "daily": daily,
        "chart": chart(daily) if daily.total.total else None,
        "latest": stats.latest(document),
        "latest_count": stats.LATEST,
        "retention_years": request.tenant.consent_retention_years,
    }
    typed = request.GET.get("consent_id", "").strip()[:100]
    if typed:
        found = stats.consent_id(typed)
        context["search"] = {
            "typed": typed,
            "valid": found is not None,
            "records": stats.of_consent_id(document, found) if found else [],
        }
    return render(request, "consent/records.html", context)


def safe(value) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets an apostrophe
    (CSV injection)."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Line:
    """csv.writer's file: hands back each line it writes."""

    def write(self, line):
        return line


def csv_header() -> list[str]:
    return [str(capfirst(ConsentRecord._meta.get_field(name).verbose_name)) for name in COLUMNS]


def csv_row(record: ConsentRecord, choices: dict) -> list:
    return [
        record.created_at.astimezone(datetime.UTC).isoformat(),
        record.consent_id,
        choices.get(record.choice, record.choice),
        ", ".join(record.accepted),
        ", ".join(record.rejected),
        record.version,
        record.revision,
        record.language,
        record.origin,
        record.address,
        record.config_hash,
    ]


@company_view(Perm.REVIEW)
def records_csv(request: CompanyRequest, doc_slug):
    """Every record of the document, oldest first, streamed: there may be very many."""
    document = get_document(request, doc_slug)
    # Words in the user's language now: the rows are written after the view has returned.
    header = csv_header()
    choices = {value: str(label) for value, label in Choice.choices}
    writer = csv.writer(_Line())

    def lines():
        yield "\ufeff"  # so that spreadsheet programs read the file as UTF-8
        yield writer.writerow(header)
        for record in stats.every(document):
            yield writer.writerow([safe(cell) for cell in csv_row(record, choices)])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    filename = f"{request.tenant.slug}-{document.slug}-consent.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
