from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from policies import texts
from policyhub.countries import country_name


def display_value(field, value, names=None) -> str:
    """A stored answer as a person reads it: labels for codes, names for countries."""
    if value in (None, "", []):
        return "—"
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if getattr(field, "options", None) is not None:  # MultiChoiceField
        labels = dict(field.option_choices())
        return ", ".join(str(labels.get(v, v)) for v in value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.name == "country":
        return country_name(str(value))
    if isinstance(field, models.ForeignKey) and names is not None:
        return names.by_id(field.related_model, value)
    return str(value)


def summarize(step, document, language: str | None = None) -> list[dict]:
    """A step's saved answers as (label, value) pairs: the section, then each row. With
    `language`, of the texts written per language only those in `language`."""
    blocks = []
    tenant = document.tenant
    if step.section_model:
        instance = step.section_model.objects.for_tenant(tenant).get(document=document)
        blocks.append(
            {"title": step.title, "values": _pairs(step.section_form, instance, language)}
        )
    if step.row_model:
        rows = step.row_model.objects.for_tenant(tenant).filter(document=document)
        for i, row in enumerate(rows, 1):
            blocks.append(
                {
                    "title": f"{capfirst(str(step.row_name))} {i}",
                    "values": _pairs(step.row_form, row, language),
                }
            )
    return blocks


def _other_languages(model, language: str | None) -> set[str]:
    """The fields of `model` that hold texts in languages other than `language`."""
    if language is None:
        return set()
    return {
        texts.column(name, other)
        for name in texts.translated_fields(model)
        for other in texts.LANGUAGES
        if other != language
    }


def _pairs(form_class, instance, language=None):
    pairs = []
    hidden = _other_languages(type(instance), language)
    for name in form_class.base_fields:
        if name == "catalogue_key" or name in hidden:
            continue
        field = instance._meta.get_field(name)
        if field.many_to_many:
            value = ", ".join(_named(obj, language) for obj in getattr(instance, name).all())
            value = value or "—"
        elif field.is_relation:
            related = getattr(instance, name)
            value = _named(related, language) if related else "—"
        else:
            value = display_value(field, getattr(instance, name))
        pairs.append((capfirst(str(field.verbose_name)), value))
    return pairs


def _named(row, language: str | None) -> str:
    """Another row as the answers of `language` name it."""
    if language is not None and hasattr(row, "name_in"):
        return row.name_in(language)
    return str(row)
