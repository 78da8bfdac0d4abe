"""What changed from one published version to the next, in words, computed from the answers
(not from the text), as a person would tell it: “Mailchimp (ASV) aizstāts ar Brevo
(Francija)”, “Jaunumu vēstuļu izsūtīšanai dati vairs netiek nosūtīti ārpus ES/EEZ (ASV)”,
“Glabāšanas termiņš (Grāmatvedība): 5 gadi → 7 gadi”, “Sīkdatnes – zināmie rīki tīmekļa
vietnē: pievienots Brevo; noņemts Mailchimp”."""

from django.utils import translation
from django.utils.text import capfirst

from policies import answers_format, grammar
from policies.choices import (
    DataCategoryCode,
    PurposeCode,
    RecipientRole,
    RetentionBound,
    RetentionTrigger,
)
from policies.display import display_value
from policies.models import Recipient
from policies.texts import FIRST, LANGUAGES
from policies.wizard.steps import STEPS
from policyhub.countries import EEA_CODES, country_name

PHRASES = {
    "lv": {
        "first": "Pirmā publicētā versija.",
        "added_processor": "Pievienots apstrādātājs: {}",
        "removed_processor": "Noņemts apstrādātājs: {}",
        "added_recipient": "Pievienots saņēmējs: {}",
        "removed_recipient": "Noņemts saņēmējs: {}",
        "replaced": "{} aizstāts ar {}",
        "recipient_changed": "Saņēmējs {} – {}",
        "transfer_ended": "{} dati vairs netiek nosūtīti ārpus ES/EEZ ({})",
        "transfer_ended_named": "{} vairs nesaņem datus ārpus ES/EEZ ({})",
        "transfer_started": "Dati tiek nosūtīti ārpus ES/EEZ: {} ({})",
        "added_data": "Pievienots datu veids: {}",
        "removed_data": "Noņemts datu veids: {}",
        "added_purpose": "Pievienots nolūks: {}",
        "removed_purpose": "Noņemts nolūks: {}",
        "retention": "Glabāšanas termiņš ({}): {} → {}",
        "added_retention": "Pievienots glabāšanas termiņš ({}): {}",
        "removed_retention": "Noņemts glabāšanas termiņš ({})",
        "field": "{} – {}: {}",
        "added": "pievienots {}",
        "removed": "noņemts {}",
        "text": "jauns teksts",
        "none": "Atbildes nav mainītas; mainīts tikai teksts.",
    },
    "en": {
        "first": "First published version.",
        "added_processor": "Processor added: {}",
        "removed_processor": "Processor removed: {}",
        "added_recipient": "Recipient added: {}",
        "removed_recipient": "Recipient removed: {}",
        "replaced": "{} replaced by {}",
        "recipient_changed": "Recipient {} – {}",
        "transfer_ended": "Data is no longer transferred outside the EU/EEA ({1}) {0}",
        "transfer_ended_named": "{} no longer receives data outside the EU/EEA ({})",
        "transfer_started": "Data is now transferred outside the EU/EEA: {} ({})",
        "added_data": "Kind of data added: {}",
        "removed_data": "Kind of data removed: {}",
        "added_purpose": "Purpose added: {}",
        "removed_purpose": "Purpose removed: {}",
        "retention": "Retention period ({}): {} → {}",
        "added_retention": "Retention period added ({}): {}",
        "removed_retention": "Retention period removed ({})",
        "field": "{} – {}: {}",
        "added": "{} added",
        "removed": "{} removed",
        "text": "new wording",
        "none": "No answer changed; only the wording did.",
    },
}
COMPARED_APART = {"data", "purposes", "recipients", "retention"}


def summarize(before: dict | None, after: dict, language: str) -> list[str]:
    """Lines describing the change from answers `before` to `after` (export format, any
    version), in `language`. Rows are matched by their Latvian names, and only the texts of
    `language` count: English added to a policy changes nothing in its Latvian summary."""
    words = PHRASES[language]
    if before is None:
        return [words["first"]]
    before, after = in_current_format(before), in_current_format(after)
    with translation.override(language):
        lines = [
            *_named_rows(before["data"], after["data"], _category_name, words, "data", language),
            *_named_rows(
                before["purposes"], after["purposes"], _purpose_name, words, "purpose", language
            ),
            *_recipients(before, after, words, language),
            *_transfers(before, after, words, language),
            *_retention(before, after, words, language),
        ]
        for step in STEPS:
            if step.key == "recipients":
                if before[step.key]["none_declared"] != after[step.key]["none_declared"]:
                    lines += _section_lines(step, before, after, words, language, ["items"])
            elif step.key not in COMPARED_APART:
                lines += _section_lines(step, before, after, words, language)
    return lines or [words["none"]]


def in_current_format(answers: dict) -> dict:
    """Answers frozen by an earlier version of the format, in today's (texts per language)."""
    return answers_format.upgrade(answers) if answers.get("version") == 1 else answers


def text_in(value, language: str) -> str:
    """A text of the answers in `language`."""
    if isinstance(value, dict):
        return value.get(language) or ""
    return value or ""


def in_language(value, language: str):
    """Answers with every text reduced to its `language` version."""
    if isinstance(value, dict):
        texts = all(isinstance(v, str) for v in value.values())
        if value and set(value) <= set(LANGUAGES) and texts:
            return value.get(language, "")
        return {k: in_language(v, language) for k, v in value.items()}
    if isinstance(value, list):
        return [in_language(v, language) for v in value]
    return value


def _section_lines(step, before, after, words, language, skip=()) -> list[str]:
    """What changed in a step of fields: each field changed, in words."""
    old = in_language(before.get(step.key) or {}, language)
    new = in_language(after.get(step.key) or {}, language)
    if old == new:
        return []
    lines = []
    model = step.section_model
    rows_key = answers_format.ROWS_KEY.get(step.key)
    for name in new:
        if name in skip or old.get(name) == new.get(name):
            continue
        if name == rows_key:
            lines += _row_lines(step, old.get(name) or [], new[name], words)
            continue
        field = model._meta.get_field(name)
        change = _field_change(field, old.get(name), new.get(name), words)
        lines.append(words["field"].format(step.title, capfirst(str(field.verbose_name)), change))
    return lines


def _field_change(field, old, new, words) -> str:
    if isinstance(new, list):  # "tick all that apply": what was added, what was removed
        parts = []
        added = [v for v in new if v not in (old or [])]
        removed = [v for v in (old or []) if v not in new]
        if added:
            parts.append(words["added"].format(display_value(field, added)))
        if removed:
            parts.append(words["removed"].format(display_value(field, removed)))
        return "; ".join(parts)
    if isinstance(new, str) and not field.choices and field.get_internal_type() == "TextField":
        return words["text"]
    return f"{display_value(field, old)} → {display_value(field, new)}"


def _row_lines(step, old_rows, new_rows, words) -> list[str]:
    """Rows of a step of fields (its services, its own cookies), by name."""
    old = {text_in(r.get("name"), FIRST): r for r in old_rows}
    new = {text_in(r.get("name"), FIRST): r for r in new_rows}
    label = capfirst(str(step.row_name))
    lines = [
        words["field"].format(step.title, label, words["added"].format(n))
        for n in new
        if n not in old
    ]
    lines += [
        words["field"].format(step.title, label, words["removed"].format(n))
        for n in old
        if n not in new
    ]
    lines += [
        words["field"].format(step.title, label, n) for n in new if n in old and old[n] != new[n]
    ]
    return lines


def _category_name(row, language=FIRST) -> str:
    return text_in(row.get("label"), language) or str(DataCategoryCode(row["code"]).label)


def _purpose_name(row, language=FIRST) -> str:
    return text_in(row.get("label"), language) or str(PurposeCode(row["code"]).label)


def _named_rows(before, after, name, words, kind, language):
    """Rows added and removed, matched by their Latvian names, named in `language`."""
    old = {name(r): name(r, language) for r in before}
    new = {name(r): name(r, language) for r in after}
    return [words[f"added_{kind}"].format(new[n]) for n in sorted(new.keys() - old.keys())] + [
        words[f"removed_{kind}"].format(old[n]) for n in sorted(old.keys() - new.keys())
    ]


def _places(row) -> list[str]:
    codes = [row["country"]] if row.get("country") else []
    codes += [c.strip() for c in row.get("transfers_to", "").split(",") if c.strip()]
    return list(dict.fromkeys(codes))


def _outside(row) -> list[str]:
    """The countries outside the EU/EEA a recipient keeps or sends data in, by name."""
    return [
        country_name(code) if len(code) == 2 else code
        for code in _places(row)
        if code not in EEA_CODES
    ]


def _where(row, language) -> str:
    """“Mailchimp (Amerikas Savienotās Valstis)”."""
    name = text_in(row["name"], language)
    country = country_name(row["country"]) if row.get("country") else ""
    return f"{name} ({country})" if country else name


def _recipients(before, after, words, language):
    old = {text_in(r["name"], FIRST): r for r in before["recipients"]["items"]}
    new = {text_in(r["name"], FIRST): r for r in after["recipients"]["items"]}
    added = [n for n in new if n not in old]
    removed = [n for n in old if n not in new]
    lines = []
    # A recipient removed and another of the same kind added: one was replaced by the other.
    for gone in list(removed):
        kind = old[gone].get("service_type") or text_in(old[gone].get("purpose"), FIRST)
        match = next(
            (
                n
                for n in added
                if kind
                and kind in (new[n].get("service_type"), text_in(new[n].get("purpose"), FIRST))
            ),
            None,
        )
        if match:
            was, now = _where(old[gone], language), _where(new[match], language)
            lines.append(words["replaced"].format(was, now))
            removed.remove(gone)
            added.remove(match)
    for name in added:
        kind = "processor" if new[name]["role"] == RecipientRole.PROCESSOR else "recipient"
        lines.append(words[f"added_{kind}"].format(_where(new[name], language)))
    for name in removed:
        kind = "processor" if old[name]["role"] == RecipientRole.PROCESSOR else "recipient"
        lines.append(words[f"removed_{kind}"].format(_where(old[name], language)))
    for name in old.keys() & new.keys():
        if in_language(old[name], language) != in_language(new[name], language):
            fields = [
                capfirst(str(_recipient_field(k).verbose_name))
                for k in new[name]
                if in_language(old[name].get(k), language)
                != in_language(new[name].get(k), language)
            ]
            named = text_in(new[name]["name"], language)
            lines.append(words["recipient_changed"].format(named, ", ".join(fields)))
    return lines


def _recipient_field(name):
    if name == "catalogue_key":
        return Recipient._meta.get_field("name")
    return Recipient._meta.get_field(name)


def _transfers(before, after, words, language):
    """Transfers outside the EU/EEA that end or start, per recipient."""
    old = {text_in(r["name"], FIRST): r for r in before["recipients"]["items"] if _outside(r)}
    new = {text_in(r["name"], FIRST): r for r in after["recipients"]["items"] if _outside(r)}
    lines = []
    for name, row in old.items():
        if name in new:
            continue
        countries = ", ".join(_outside(row))
        purpose = text_in(row.get("purpose"), language)
        if purpose:
            what = capfirst(purpose) if language == FIRST else purpose
            lines.append(words["transfer_ended"].format(what, countries))
        else:
            named = text_in(row["name"], language)
            lines.append(words["transfer_ended_named"].format(named, countries))
    for name, row in new.items():
        if name not in old:
            countries = ", ".join(_outside(row))
            lines.append(
                words["transfer_started"].format(text_in(row["name"], language), countries)
            )
    return lines


def _subject(rule, answers, language=FIRST) -> str:
    refs = {r["ref"]: _category_name(r, language) for r in answers["data"]}
    refs.update({r["ref"]: _purpose_name(r, language) for r in answers["purposes"]})
    return (
        refs.get(rule.get("category"))
        or refs.get(rule.get("purpose"))
        or text_in(rule["label"], language)
    )


def period_text(rule, language) -> str:
    bound, n, unit = rule["bound"], rule.get("period"), rule.get("unit")
    if bound == RetentionBound.CRITERION:
        return (
            str(RetentionTrigger(rule["trigger"]).label)
            if rule.get("trigger")
            else text_in(rule.get("criterion"), language)
        )
    if n is None or not unit:
        return "—"
    if bound == RetentionBound.UP_TO:
        return grammar.up_to(n, unit)
    if bound == RetentionBound.RANGE and rule.get("period_max"):
        return grammar.period_range(n, rule["period_max"], unit)
    return grammar.period(n, unit)


def _retention(before, after, words, language):
    old = {_subject(r, before): r for r in before["retention"]}
    new = {_subject(r, after): r for r in after["retention"]}
    lines = []
    for subject in sorted(old.keys() & new.keys()):
        was, now = period_text(old[subject], language), period_text(new[subject], language)
        if was != now:
            named = _subject(new[subject], after, language)
            lines.append(words["retention"].format(named, was, now))
    for subject in sorted(new.keys() - old.keys()):
        named = _subject(new[subject], after, language)
        lines.append(words["added_retention"].format(named, period_text(new[subject], language)))
    for subject in sorted(old.keys() - new.keys()):
        lines.append(words["removed_retention"].format(_subject(old[subject], before, language)))
    return lines
