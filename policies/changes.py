"""What changed from one published version to the next, in words, computed from the answers
(not from the text): “Pievienots apstrādātājs: Mailchimp (ASV, …)”, “Glabāšanas termiņš
(Grāmatvedība): 5 gadi → 7 gadi”."""

from django.utils import translation

from policies import answers_format, grammar
from policies.choices import (
    DataCategoryCode,
    PurposeCode,
    RecipientRole,
    RetentionBound,
    RetentionTrigger,
    TransferMechanism,
)
from policies.texts import FIRST, LANGUAGES
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
    """Lines describing the change from answers `before` to `after` (export format, any
    version), in `language`. Rows are matched by their Latvian names, and only the texts of
    `language` count: English added to a policy changes nothing in its Latvian summary."""
    words = PHRASES[language]
    if before is None:
        return [words["first"]]
    before, after = _current(before), _current(after)
    with translation.override(language):
        lines = [
            *_named_rows(before["data"], after["data"], _category_name, words, "data", language),
            *_named_rows(
                before["purposes"], after["purposes"], _purpose_name, words, "purpose", language
            ),
            *_recipients(before, after, words, language),
            *_retention(before, after, words, language),
        ]
        for step in STEPS:
            if _section_changed(step.key, before, after, language):
                lines.append(words["section"].format(step.title))
    return lines or [words["none"]]


def _current(answers: dict) -> dict:
    """Answers frozen by an earlier version of the format, in today's (texts per language)."""
    return answers_format.upgrade(answers) if answers.get("version") == 1 else answers


def _in(value, language: str) -> str:
    """A text of the answers in `language`."""
    if isinstance(value, dict):
        return value.get(language) or ""
    return value or ""


def _only(value, language: str):
    """Answers with every text reduced to its `language` version."""
    if isinstance(value, dict):
        if (
            value
            and set(value) <= set(LANGUAGES)
            and all(isinstance(v, str) for v in value.values())
        ):
            return value.get(language, "")
        return {k: _only(v, language) for k, v in value.items()}
    if isinstance(value, list):
        return [_only(v, language) for v in value]
    return value


def _section_changed(key, before, after, language) -> bool:
    if key == "recipients":
        return before[key]["none_declared"] != after[key]["none_declared"]
    return key not in COMPARED_APART and _only(before.get(key), language) != _only(
        after.get(key), language
    )


def _category_name(row, language=FIRST) -> str:
    return _in(row.get("label"), language) or str(DataCategoryCode(row["code"]).label)


def _purpose_name(row, language=FIRST) -> str:
    return _in(row.get("label"), language) or str(PurposeCode(row["code"]).label)


def _named_rows(before, after, name, words, kind, language):
    """Rows added and removed, matched by their Latvian names, named in `language`."""
    old = {name(r): name(r, language) for r in before}
    new = {name(r): name(r, language) for r in after}
    return [words[f"added_{kind}"].format(new[n]) for n in sorted(new.keys() - old.keys())] + [
        words[f"removed_{kind}"].format(old[n]) for n in sorted(old.keys() - new.keys())
    ]


def _recipient_text(row, language) -> str:
    details = []
    if row.get("country"):
        details.append(country_name(row["country"]))
    mechanisms = [str(TransferMechanism(m).label) for m in row.get("mechanisms", [])]
    details.extend(mechanisms)
    name = _in(row["name"], language)
    return f"{name} ({', '.join(details)})" if details else name


def _recipients(before, after, words, language):
    old = {_in(r["name"], FIRST): r for r in before["recipients"]["items"]}
    new = {_in(r["name"], FIRST): r for r in after["recipients"]["items"]}
    lines = []
    for name in sorted(new.keys() - old.keys()):
        kind = "processor" if new[name]["role"] == RecipientRole.PROCESSOR else "recipient"
        lines.append(words[f"added_{kind}"].format(_recipient_text(new[name], language)))
    for name in sorted(old.keys() - new.keys()):
        kind = "processor" if old[name]["role"] == RecipientRole.PROCESSOR else "recipient"
        lines.append(words[f"removed_{kind}"].format(_in(old[name]["name"], language)))
    for name in sorted(old.keys() & new.keys()):
        if _only(old[name], language) != _only(new[name], language):
            lines.append(words["section"].format(_in(new[name]["name"], language)))
    return lines


def _subject(rule, answers, language=FIRST) -> str:
    refs = {r["ref"]: _category_name(r, language) for r in answers["data"]}
    refs.update({r["ref"]: _purpose_name(r, language) for r in answers["purposes"]})
    return (
        refs.get(rule.get("category"))
        or refs.get(rule.get("purpose"))
        or _in(rule["label"], language)
    )


def _period(rule, language) -> str:
    bound, n, unit = rule["bound"], rule.get("period"), rule.get("unit")
    if bound == RetentionBound.CRITERION:
        return (
            str(RetentionTrigger(rule["trigger"]).label)
            if rule.get("trigger")
            else _in(rule.get("criterion"), language)
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
        was, now = _period(old[subject], language), _period(new[subject], language)
        if was != now:
            named = _subject(new[subject], after, language)
            lines.append(words["retention"].format(named, was, now))
    for subject in sorted(new.keys() - old.keys()):
        named = _subject(new[subject], after, language)
        lines.append(words["added_retention"].format(named, _period(new[subject], language)))
    for subject in sorted(old.keys() - new.keys()):
        lines.append(words["removed_retention"].format(_subject(old[subject], before, language)))
    return lines
