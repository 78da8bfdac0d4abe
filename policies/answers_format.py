"""Export and import of a document's answers as JSON (format "policyhub-answers", version 2).

The format follows the wizard: one key per step, holding the step's fields, its rows, or
both. A text that reaches the policy holds one string per language, {"lv": ..., "en": ...}.
Import goes through the wizard's own forms, so a file is held to exactly the rules a person
filling the wizard meets; a version-1 file (one string per text, Latvian) is read as version 2
with its English texts empty. docs/answers-format.md describes the format and
docs/answers.schema.json is its JSON Schema, generated from the forms by `schema()`.
"""

import datetime
import json
from dataclasses import dataclass

import jsonschema
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import transaction
from django.db.models import F
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from policies.answers import Answers, load_answers
from policies.models import Document, StepRevision
from policies.texts import LANGUAGES, column, is_translation, translated_fields
from policies.wizard.forms import ROW_PREFIX, SECTION_PREFIX, StepForms
from policies.wizard.steps import STEPS
from policyhub.history import acting_user

FORMAT = "policyhub-answers"
VERSION = 2
VERSIONS = (1, 2)  # the versions a file may have; older ones are upgraded on reading
# For steps that have both a section and rows, the key that holds the rows.
ROWS_KEY = {"scope": "services", "recipients": "items", "cookies": "items"}
# Rows other rows refer to, and the prefix of their references ("data-1", "purpose-2").
REF_PREFIX = {"data": "data", "purposes": "purpose"}
DOCUMENT_FIELDS = ["title_variant", "address_form", "english"]


class AnswersImportError(Exception):
    """The file cannot be imported; `errors` lists (path, message) pairs, all of them."""

    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__("; ".join(f"{p}: {m}" for p, m in errors))
        self.errors = errors


# ---------------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------------


def export(document: Document, answers: Answers | None = None) -> dict:
    """The document's answers as the answers file holds them; `answers`, when the caller has
    loaded them already (`load_answers(document)`), saves reading them again."""
    if answers is None:
        answers = load_answers(document)
    refs = _refs(answers)
    data = {
        "format": FORMAT,
        "version": VERSION,
        "document": {name: getattr(document, name) for name in DOCUMENT_FIELDS},
    }
    for step in STEPS:
        section = rows = None
        if step.section:
            instance = _section_instance(answers, step)
            section = {name: _out(instance, name, refs) for name in _fields(step.section_form)}
        if step.row_model:
            rows = []
            for instance in _row_instances(answers, step):
                row = {}
                if step.key in REF_PREFIX:
                    row["ref"] = refs[(step.row_model, instance.pk)]
                row.update({name: _out(instance, name, refs) for name in _fields(step.row_form)})
                rows.append(row)
        data[step.key] = _combine(step, section, rows)
    return data


def as_file_row(model, values: dict) -> dict:
    """Form values, where each language of a text has a field of its own (as a catalogue
    entry fills a recipient row), as a row of the file."""
    row = {}
    for name, value in values.items():
        if is_translation(model, name):
            continue
        if name in translated_fields(model):
            value = {language: values.get(column(name, language), "") for language in LANGUAGES}
        row[name] = value
    return row


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _fields(form_class) -> list[str]:
    """The keys of a step's object: each form field, a text's languages under one key."""
    model = form_class._meta.model
    return [name for name in form_class.base_fields if not is_translation(model, name)]


def _section_instance(answers, step):
    return {
        "controller": answers.controller,
        "scope": answers.scope,
        "recipients": answers.recipients_answers,
        "cookies": answers.cookies,
        "transfers": answers.transfers,
        "security": answers.security,
        "rights": answers.rights,
        "final": answers.final,
    }[step.key]


def _row_instances(answers, step):
    return {
        "scope": answers.services,
        "data": answers.categories,
        "purposes": answers.purposes,
        "recipients": answers.recipients,
        "retention": answers.retention,
        "cookies": answers.cookie_rows,
    }[step.key]


def _refs(answers) -> dict:
    refs = {}
    for i, category in enumerate(answers.categories, 1):
        refs[(type(category), category.pk)] = f"data-{i}"
    for i, purpose in enumerate(answers.purposes, 1):
        refs[(type(purpose), purpose.pk)] = f"purpose-{i}"
    return refs


def _out(instance, name, refs):
    if name in translated_fields(type(instance)):
        return {language: getattr(instance, column(name, language)) for language in LANGUAGES}
    field = instance._meta.get_field(name)
    value = getattr(instance, name)
    if field.many_to_many:
        return [refs[(type(c), c.pk)] for c in value.all()]
    if field.is_relation:
        return refs[(type(value), value.pk)] if value is not None else None
    if name == "country":
        return str(value)
    if name == "catalogue_key":
        return value or ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _combine(step, section, rows):
    if section is not None and rows is not None:
        return {**section, ROWS_KEY[step.key]: rows}
    return section if section is not None else rows


# ---------------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------------


# An answers file nests five levels at the most (file, step, rows, row, list of references);
# deeper is no answers file, and refused before the parser can recurse through it.
MAX_DEPTH = 20
MAX_ERRORS = 50  # problems listed at the most; the count of the rest follows
QUOTE_CHARS = 60  # a bad value is quoted up to this length


def parse(raw: bytes | str) -> dict:
    """The file's data, checked for well-formed JSON, depth, Unicode and the schema; or
    AnswersImportError with every problem and its path."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            message = _("The file is not UTF-8 text (byte %(position)s).") % {"position": exc.start}
            raise AnswersImportError([("", message)]) from exc
    depth = nesting_depth(raw)
    if depth > MAX_DEPTH:
        message = _(
            "Lists and objects are nested %(depth)s levels deep; an answers file has at most "
            "%(limit)s."
        ) % {"depth": depth, "limit": MAX_DEPTH}
        raise AnswersImportError([("", message)])
    try:
        data = json.loads(raw)
    except ValueError as exc:
        message = _("The file is not valid JSON: %(error)s") % {"error": exc}
        raise AnswersImportError([("", message)]) from exc
    errors = list(_text_errors(data))
    if not errors and isinstance(data, dict) and data.get("version") == 1:
        data = upgrade(data)
    if not errors:
        errors = [
            (_path(error.absolute_path), _schema_message(error))
            for error in sorted(
                jsonschema.Draft202012Validator(schema()).iter_errors(data),
                key=lambda e: list(map(str, e.absolute_path)),
            )
        ]
    if errors:
        raise AnswersImportError(_at_most(errors))
    return data


def upgrade(data: dict) -> dict:
    """A version-1 file as version 2: each text, one Latvian string, becomes {"lv": text,
    "en": ""}. Anything else stays as it is, for the schema to judge."""
    data = {**data, "version": VERSION}
    for step in STEPS:
        value = data.get(step.key)
        if not isinstance(value, dict | list):
            continue
        section, rows = split(step, value) if _splittable(step, value) else (None, None)
        if isinstance(section, dict):
            section = _upgrade_texts(step.section_form, section)
        if isinstance(rows, list):
            rows = [
                _upgrade_texts(step.row_form, row) if isinstance(row, dict) else row for row in rows
            ]
        data[step.key] = _combine(step, section, rows) if _splittable(step, value) else value
    return data


def _splittable(step, value) -> bool:
    return isinstance(value, dict) if step.section else isinstance(value, list)


def _upgrade_texts(form_class, values: dict) -> dict:
    model = form_class._meta.model
    return {
        name: (
            {language: (value if language == LANGUAGES[0] else "") for language in LANGUAGES}
            if name in translated_fields(model) and isinstance(value, str)
            else value
        )
        for name, value in values.items()
    }


def nesting_depth(text: str) -> int:
    """How deep lists and objects nest in a JSON text, without parsing it (brackets inside
    strings do not count)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _text_errors(data, path=()):
    """Strings no answer can hold, keys included: a lone surrogate (JSON can write one as
    \\ud800, but it is no character and no database stores it) and NUL."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _text_errors(key, path)
            yield from _text_errors(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _text_errors(value, (*path, i))
    elif isinstance(data, str):
        position = _unstorable(data)
        if position is not None:
            yield (
                _path(path),
                _(
                    "The text has a character that is not allowed (U+%(code)04X at position "
                    "%(position)s): lone surrogates and NUL cannot be stored."
                )
                % {"code": ord(data[position]), "position": position + 1},
            )


def _unstorable(text: str) -> int | None:
    for i, ch in enumerate(text):
        if ch == "\0" or "\ud800" <= ch <= "\udfff":
            return i
    return None


def quote(value) -> str:
    """A value as an error message quotes it: shortened when long."""
    text = repr(value)
    if len(text) > QUOTE_CHARS:
        text = text[: QUOTE_CHARS - 1] + "…"
    return text


def _schema_message(error) -> str:
    """jsonschema's message, with the bad value shortened."""
    message = error.message
    full = repr(error.instance)
    if len(full) > QUOTE_CHARS:
        message = message.replace(full, quote(error.instance))
    if len(message) > 300:
        message = message[:299] + "…"
    return message


def _at_most(errors):
    if len(errors) <= MAX_ERRORS:
        return errors
    rest = len(errors) - MAX_ERRORS
    more = ngettext("and %(count)s more problem", "and %(count)s more problems", rest) % {
        "count": rest
    }
    return [*errors[:MAX_ERRORS], ("", more)]


def _path(parts) -> str:
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


@dataclass
class _Bound:
    step: object
    forms: StepForms
    rows: list


def import_into(document: Document, data: dict, *, by=None) -> None:
    """Replace every answer of `document` with `data` (parsed by parse()), or change nothing.

    Every step is validated through the wizard's forms; all errors are collected, with their
    paths, before anything is kept.
    """
    if data.get("version") == 1:
        data = upgrade(data)
    errors: list[tuple[str, str]] = []
    with transaction.atomic(), acting_user(by):
        _import_document_fields(document, data, errors)
        refs: dict[str, int] = {}
        for step in STEPS:
            value = data.get(step.key)
            section, rows = split(step, value)
            if step.row_model:
                step.row_model.objects.for_tenant(document.tenant).filter(
                    document=document
                ).delete()
            forms = StepForms(step, document, step_post_data(step, section, rows, refs))
            if forms.is_valid():
                forms.save()
                _remember_refs(step, forms, rows, refs)
            else:
                errors.extend(_form_errors(step, forms, rows))
        if errors:
            transaction.set_rollback(True)
        else:
            StepRevision.objects.for_tenant(document.tenant).filter(document=document).update(
                updated_at=timezone.now(), updated_by=by, revision=F("revision") + 1
            )
    if errors:
        raise AnswersImportError(_at_most(errors))


def _import_document_fields(document, data, errors):
    fields = data.get("document") or {}
    for name in DOCUMENT_FIELDS:
        if name in fields:
            setattr(document, name, fields[name])
    try:
        document.full_clean(validate_unique=False)
    except forms.ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.extend((f"document.{name}", m) for m in messages)
        return
    document.save(update_fields=DOCUMENT_FIELDS)  # never the review state read earlier


def split(step, value):
    """A step's part of the file as (section fields, rows)."""
    if value is None:
        return ({} if step.section else None), ([] if step.row_model else None)
    if step.section and step.row_model:
        value = dict(value)
        rows = value.pop(ROWS_KEY[step.key], [])
        return value, rows
    if step.section:
        return value, None
    return None, value


def step_post_data(step, section, rows, refs) -> QueryDict:
    """The form data a person filling `step` would post to give these answers. A field the
    file leaves out (a file older than the field) gets the field's default."""
    data = QueryDict(mutable=True)
    if section is not None:
        for name, value in _with_defaults(step.section_form, section).items():
            _put(data, f"{SECTION_PREFIX}-{name}", value, refs, step.section_form, name)
    if rows is not None:
        data[f"{ROW_PREFIX}-TOTAL_FORMS"] = str(len(rows))
        data[f"{ROW_PREFIX}-INITIAL_FORMS"] = "0"
        for i, row in enumerate(rows):
            for name, value in _with_defaults(step.row_form, row).items():
                if name != "ref":
                    _put(data, f"{ROW_PREFIX}-{i}-{name}", value, refs, step.row_form, name)
    return data


def _with_defaults(form_class, values):
    if not isinstance(values, dict):
        return values
    model = form_class._meta.model
    result = dict(values)
    for name in _fields(form_class):
        if name in result:
            continue
        try:
            field = model._meta.get_field(name)
        except Exception:  # a form field of no model field (the catalogue key)
            continue
        if field.has_default():
            result[name] = field.get_default()
    return result


def _put(data, key, value, refs, form_class, name):
    field = form_class.base_fields.get(name)
    if name in translated_fields(form_class._meta.model) and isinstance(value, dict):
        # {"lv": ..., "en": ...}: each language to its own field
        for language in LANGUAGES:
            data[column(key, language)] = str(value.get(language) or "")
        return
    if isinstance(field, forms.ModelChoiceField):
        # A reference to another row ("data-2"); an unknown one stays as it is and the form
        # reports it as an invalid choice.
        if isinstance(value, list):
            data.setlist(key, [str(refs.get(v, v)) for v in value])
        else:
            data[key] = "" if value is None else str(refs.get(value, value))
    elif isinstance(value, bool):
        if value:
            data[key] = "on"
    elif isinstance(value, list):
        data.setlist(key, [str(v) for v in value])
    elif value is None:
        data[key] = ""
    else:
        data[key] = str(value)


def _key(model, name) -> str:
    """A form field's place in the file: "examples.en" for the English column of a text."""
    for base in translated_fields(model):
        for language in LANGUAGES[1:]:
            if name == column(base, language):
                return f"{base}.{language}"
    if name in translated_fields(model):
        return f"{name}.{LANGUAGES[0]}"
    return name


def _remember_refs(step, forms, rows, refs):
    """Map each row's "ref" to the id it was saved under (rows left blank are not saved)."""
    if step.key not in REF_PREFIX:
        return
    for row, form in zip(rows, forms.formset.forms, strict=False):
        if row.get("ref") and form.instance.pk:
            refs[row["ref"]] = form.instance.pk


def _form_errors(step, forms, rows) -> list[tuple[str, str]]:
    errors = []
    if forms.section_form is not None:
        model = step.section_model
        for name, messages in forms.section_form.errors.items():
            path = step.key if name == "__all__" else f"{step.key}.{_key(model, name)}"
            errors.extend((path, m) for m in messages)
    if forms.formset is not None:
        model = step.row_model
        base = f"{step.key}.{ROWS_KEY[step.key]}" if step.key in ROWS_KEY else step.key
        for i, form_errors in enumerate(forms.formset.errors):
            for name, messages in form_errors.items():
                path = f"{base}[{i}]" if name == "__all__" else f"{base}[{i}].{_key(model, name)}"
                errors.extend((path, m) for m in messages)
        errors.extend((base, m) for m in forms.formset.non_form_errors())
    return errors


# ---------------------------------------------------------------------------------------------
# JSON Schema, generated from the wizard's forms
# ---------------------------------------------------------------------------------------------


def schema() -> dict:
    steps = {}
    for step in STEPS:
        section = rows = None
        if step.section:
            section = _object_schema(step.section_form)
        if step.row_model:
            row = _object_schema(step.row_form)
            if step.key in REF_PREFIX:
                row["properties"] = {
                    "ref": {"type": "string", "pattern": f"^{REF_PREFIX[step.key]}-[0-9]+$"},
                    **row["properties"],
                }
            rows = {"type": "array", "items": row}
        if section is not None and rows is not None:
            section["properties"][ROWS_KEY[step.key]] = rows
            steps[step.key] = section
        else:
            steps[step.key] = section if section is not None else rows
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://policyhub.example/schemas/answers-v2.json",
        "title": "PolicyHub answers, version 2",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "version"],
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "document": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "title_variant": _enum(Document._meta.get_field("title_variant").choices),
                    "address_form": _enum(Document._meta.get_field("address_form").choices),
                    "english": {"type": "boolean"},
                },
            },
            **steps,
        },
    }


def _object_schema(form_class) -> dict:
    model = form_class._meta.model
    properties = {}
    for name in _fields(form_class):
        field = form_class.base_fields[name]
        if name in translated_fields(model):
            properties[name] = _texts_schema(field)
        else:
            properties[name] = _field_schema(name, field)
    return {"type": "object", "additionalProperties": False, "properties": properties}


def _texts_schema(field) -> dict:
    """A text in each language: {"lv": ..., "en": ...}, a language left out being empty."""
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {language: _field_schema("", field) for language in LANGUAGES},
    }


def _enum(choices, blank=False) -> dict:
    values = [str(code) for code, _label in choices if code != ""]
    return {"type": "string", "enum": ([""] if blank else []) + values}


def _field_schema(name, field) -> dict:
    if isinstance(field, forms.ModelMultipleChoiceField):
        return {
            "type": "array",
            "items": {"type": "string", "pattern": "^data-[0-9]+$"},
            "uniqueItems": True,
        }
    if isinstance(field, forms.ModelChoiceField):
        prefix = "data" if name == "category" else "purpose"
        return {"type": ["string", "null"], "pattern": f"^{prefix}-[0-9]+$"}
    if isinstance(field, forms.MultipleChoiceField):
        return {"type": "array", "items": _enum(field.choices), "uniqueItems": True}
    if isinstance(field, forms.BooleanField):
        return {"type": "boolean"}
    if isinstance(field, forms.IntegerField):
        result = {"type": ["integer", "null"]}
        for validator in field.validators:
            if isinstance(validator, MinValueValidator):
                result["minimum"] = max(validator.limit_value, result.get("minimum", 0))
            if isinstance(validator, MaxValueValidator):
                result["maximum"] = validator.limit_value
        return result
    if isinstance(field, forms.ChoiceField):
        return _enum(field.choices, blank=not field.required)
    if isinstance(field, forms.DateField):
        return {"type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    result = {"type": "string"}
    if getattr(field, "max_length", None):
        result["maxLength"] = field.max_length
    return result
