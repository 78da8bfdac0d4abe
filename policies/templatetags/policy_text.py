"""Helpers for showing a policy's blocks, as generated or as stored in a published version."""

from django import template

from policies.wizard import html

register = template.Library()


def _field(block, name):
    return block.get(name, []) if isinstance(block, dict) else getattr(block, name)


@register.filter
def linked_items(block) -> list[tuple[str, str]]:
    """A list block's items with the section each leads to ("" for none)."""
    items = _field(block, "items")
    links = list(_field(block, "links")) + [""] * len(items)
    return list(zip(items, links, strict=False))


@register.filter
def quoted(name: str, language: str = "lv") -> str:
    """A company name as the policy prints it: straight quotes become „…” in Latvian and
    “…” in English (SIA "Zaļā Sala" -> SIA „Zaļā Sala”)."""
    opening, closing = ("„", "”") if language == "lv" else ("“", "”")
    parts = name.split('"')
    if len(parts) != 3:
        return name
    return f"{parts[0]}{opening}{parts[1]}{closing}{parts[2]}"


@register.filter
def wizard_field(bound):
    """A wizard field with its label, help and errors (policies.wizard.html)."""
    return html.field(bound, getattr(bound.form, "memo", None))


@register.filter
def wizard_form(form):
    """A step's form, its fields and their languages (policies.wizard.html)."""
    return html.form(form)
