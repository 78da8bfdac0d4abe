"""What changed from one published version to the next, in words, computed from the answers
(not from the text): “Pievienots apstrādātājs: Mailchimp (ASV, …)”, “Glabāšanas termiņš
(Grāmatvedība): 5 gadi → 7 gadi”."""

from django.utils import translation

from policies import grammar
from policies.choices import (
    DataCategoryCode,
    PurposeCode,
    RecipientRole,
    RetentionBound,
    RetentionTrigger,
    TransferMechanism,
)
from policies.wizard.steps import STEPS
from policyhub.countries import country_name

PHRASES = {
    "lv": {
        "first": "Pirmā publicētā versija.",
        "added_processor": "Pievienots apstrādātājs: {}",
        "removed_processor": "Noņemts apstrādātājs: {}",
        "added_recipient": "Pievienots saņēmējs: {}",
        "removed_recipient": "Noņemts saņēmējs: {}",
        "added_data": "Pievienots datu veids: {}",
        "removed_data": "Noņemts datu veids: {}",
        "added_purpose": "Pievienots nolūks: {}",
        "removed_purpose": "Noņemts nolūks: {}",
        "retention": "Glabāšanas termiņš ({}): {} → {}",
        "added_retention": "Pievienots glabāšanas termiņš ({}): {}",
        "removed_retention": "Noņemts glabāšanas termiņš ({})",
        "section": "Mainīta sadaļa: {}",
        "none": "Atbildes nav mainītas; mainīts tikai teksts.",
    },
    "en": {
        "first": "First published version.",
        "added_processor": "Processor added: {}",
        "removed_processor": "Processor removed: {}",
        "added_recipient": "Recipient added: {}",
        "removed_recipient": "Recipient removed: {}",
        "added_data": "Kind of data added: {}",
        "removed_data": "Kind of data removed: {}",
        "added_purpose": "Purpose added: {}",
        "removed_purpose": "Purpose removed: {}",
        "retention": "Retention period ({}): {} → {}",
        "added_retention": "Retention period added ({}): {}",
        "removed_retention": "Retention period removed ({})",
        "section": "Changed section: {}",
        "none": "No answer changed; only the wording did.",
    },
}
COMPARED_APART = {"data", "purposes", "recipients", "retention"}


def summarize(before: dict | None, after: dict, language: str) -> list[str]:
    """Lines describing the change from answers `before` to `after` (export format)."""
    words = PHRASES[language]
    if before is None:
        return [words["first"]]
    with translation.override(language):
        lines = [
            *_named_rows(before["data"], after["data"], _category_name, words, "data"),
            *_named_rows(before["purposes"], after["purposes"], _purpose_name, words, "purpose"),
            *_recipients(before, after, words),
            *_retention(before, after, words),
        ]
        for step in STEPS:
            if _section_changed(step.key, before, after):
                lines.append(words["section"].format(step.title))
    return lines or [words["none"]]


def _section_changed(key, before, after) -> bool:
    if key == "recipients":
        return before[key]["none_declared"] != after[key]["none_declared"]
    return key not in COMPARED_APART and before.get(key) != after.get(key)


def _category_name(row) -> str:
    return row.get("label") or str(DataCategoryCode(row["code"]).label)


def _purpose_name(row) -> str:
    return row.get("label") or str(PurposeCode(row["code"]).label)


def _named_rows(before, after, name, words, kind):
    old = {name(r) for r in before}
    new = {name(r) for r in after}
    return [words[f"added_{kind}"].format(n) for n in sorted(new - old)] + [
        words[f"removed_{kind}"].format(n) for n in sorted(old - new)
    ]


def _recipient_text(row) -> str:
    details = []
    if row.get("country"):
        details.append(country_name(row["country"]))
    mechanisms = [str(TransferMechanism(m).label) for m in row.get("mechanisms", [])]
    details.extend(mechanisms)
    return f"{row['name']} ({', '.join(details)})" if details else row["name"]


def _recipients(before, after, words):
    old = {r["name"]: r for r in before["recipients"]["items"]}
    new = {r["name"]: r for r in after["recipients"]["items"]}
    lines = []
    for name in sorted(new.keys() - old.keys()):
        kind = "processor" if new[name]["role"] == RecipientRole.PROCESSOR else "recipient"
        lines.append(words[f"added_{kind}"].format(_recipient_text(new[name])))
    for name in sorted(old.keys() - new.keys()):
        kind = "processor" if old[name]["role"] == RecipientRole.PROCESSOR else "recipient"
        lines.append(words[f"removed_{kind}"].format(name))
    for name in sorted(old.keys() & new.keys()):
        if old[name] != new[name]:
            lines.append(words["section"].format(name))
    return lines


def _subject(rule, answers) -> str:
    refs = {r["ref"]: _category_name(r) for r in answers["data"]}
    refs.update({r["ref"]: _purpose_name(r) for r in answers["purposes"]})
    return refs.get(rule.get("category")) or refs.get(rule.get("purpose")) or rule["label"]


def _period(rule) -> str:
    bound, n, unit = rule["bound"], rule.get("period"), rule.get("unit")
    if bound == RetentionBound.CRITERION:
        return (
            str(RetentionTrigger(rule["trigger"]).label)
            if rule.get("trigger")
            else rule.get("criterion", "")
        )
    if n is None or not unit:
        return "—"
    if bound == RetentionBound.UP_TO:
        return grammar.up_to(n, unit)
    if bound == RetentionBound.RANGE and rule.get("period_max"):
        return grammar.period_range(n, rule["period_max"], unit)
    return grammar.period(n, unit)


def _retention(before, after, words):
    old = {_subject(r, before): r for r in before["retention"]}
    new = {_subject(r, after): r for r in after["retention"]}
    lines = []
    for subject in sorted(old.keys() & new.keys()):
        was, now = _period(old[subject]), _period(new[subject])
        if was != now:
            lines.append(words["retention"].format(subject, was, now))
    for subject in sorted(new.keys() - old.keys()):
        lines.append(words["added_retention"].format(subject, _period(new[subject])))
    for subject in sorted(old.keys() - new.keys()):
        lines.append(words["removed_retention"].format(subject))
    return lines
