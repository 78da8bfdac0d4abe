"""Adding a scan's finding to the answers, as a person filling the wizard would: the step's
saved answers are taken as its page would post them, the one change is made, and the result
goes through the step's forms and `services.step_save` (validation, the revision check and
history, in the name of the person who chose it). Nothing else is changed."""

import datetime

from policies import catalogue
from policies.answers import load_answers
from policies.choices import YesNo
from policies.models import StepRevision
from policies.services import step_save
from policies.texts import column
from policies.wizard.forms import ROW_PREFIX, SECTION_PREFIX, StepForms, add_row
from policies.wizard.steps import BY_KEY
from scans import proposal, trackers

STEP_OF = {
    "add_tool": "cookies",
    "remove_tool": "cookies",
    "add_cookie": "cookies",
    "remove_cookie": "cookies",
    "add_recipient": "recipients",
}


class NotOpen(Exception):
    """The finding is not (or no longer) part of the scan's proposal."""


class Invalid(Exception):
    """The step's answers, with the change, do not pass its forms (they need a person)."""

    def __init__(self, step):
        super().__init__(step.key)
        self.step = step


def apply(scan, action: str, subject: str, *, by) -> proposal.Finding:
    document = scan.document
    finding = proposal.propose(scan.result, load_answers(document)).find(action, subject)
    if finding is None or action not in STEP_OF:
        raise NotOpen
    step = BY_KEY[STEP_OF[action]]
    revision = StepRevision.objects.for_tenant(document.tenant).get(
        document=document, step=step.key
    )
    saved = StepForms(step, document, languages=document.languages)
    data = CHANGES[action](saved, subject, scan)
    forms = StepForms(step, document, data, document.languages)
    if not forms.is_valid():
        raise Invalid(step)
    step_save(document=document, step=step.key, forms=forms, revision=revision.revision, by=by)
    return finding


def _section(name: str) -> str:
    return f"{SECTION_PREFIX}-{name}"


def _add_tool(saved, key, scan):
    data = saved.as_data()
    tracker = trackers.BY_KEY[key]
    data.setlist(_section("tool_keys"), [*data.getlist(_section("tool_keys")), key])
    if catalogue.COOKIE_TOOLS_BY_KEY[key].cookies:
        data[_section("uses_cookies")] = YesNo.YES
    if tracker.category and tracker.category not in data.getlist(_section("categories")):
        data.setlist(
            _section("categories"), [*data.getlist(_section("categories")), tracker.category]
        )
    return data


def _remove_tool(saved, key, scan):
    data = saved.as_data()
    data.setlist(
        _section("tool_keys"), [k for k in data.getlist(_section("tool_keys")) if k != key]
    )
    return data


def _add_cookie(saved, name, scan):
    entry, kind = proposal.entry_named(scan.result, name)
    scanned = scan.started_at or scan.created_at or datetime.datetime.now(datetime.UTC)
    values = {
        "name": name,
        "provider": entry.get("domain") or scan.result.get("origin", ""),
        "party": entry.get("party", "first"),
    }
    for language in saved.document.languages:
        values[column("duration", language)] = proposal.duration(entry, kind, scanned, language)
    data = saved.as_data()
    blank = StepForms(saved.step, saved.document, data, saved.document.languages).blank_new_row()
    return add_row(data, values=values, at=blank)


def _remove_cookie(saved, pk, scan):
    data = saved.as_data()
    for index, form in enumerate(saved.formset.forms):
        if str(form.instance.pk) == pk:
            data[f"{ROW_PREFIX}-{index}-DELETE"] = "on"
    return data


def _add_recipient(saved, key, scan):
    data = saved.as_data()
    data.pop(_section("none_declared"), None)
    blank = StepForms(saved.step, saved.document, data, saved.document.languages).blank_new_row()
    return add_row(data, values=catalogue.PROCESSORS_BY_KEY[key].recipient_values(), at=blank)


CHANGES = {
    "add_tool": _add_tool,
    "remove_tool": _remove_tool,
    "add_cookie": _add_cookie,
    "remove_cookie": _remove_cookie,
    "add_recipient": _add_recipient,
}
