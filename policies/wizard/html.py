"""The wizard's fields as HTML, written in Python: the markup of crispy-forms' Bootstrap 5
pack (label, control, help, errors), made without a template per field and per option.

A step with twenty rows has some eight hundred fields and, on the recipients step, twenty
lists of every country; rendered by templates, field by field and option by option, that
took most of a second. Here the options of a list are written once per page (kept in the
memo its forms share, `StepForms.memo`) and each row only marks its own choice.
"""

from html import escape

from django import forms
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe


def field(bound, memo: dict | None = None):
    """One field with its label, help and errors, as crispy's Bootstrap 5 pack writes it."""
    widget = bound.field.widget
    if widget.is_hidden:
        return mark_safe(str(bound))
    memo = {} if memo is None else memo
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        return _choices(bound, widget, memo)
    if isinstance(widget, forms.CheckboxInput):
        return _checkbox(bound)
    return format_html(
        '<div id="div_{}" class="mb-3">{}{}{}{}</div>',
        bound.auto_id,
        _label(bound),
        _control(bound, widget, memo),
        _errors(bound),
        _help(bound),
    )


def _required(bound) -> str:
    return mark_safe('<span class="asteriskField">*</span>') if bound.field.required else ""


def _label(bound):
    required = " requiredField" if bound.field.required else ""
    return format_html(
        '<label for="{}" class="form-label{}">{}{}</label>',
        bound.id_for_label,
        required,
        bound.label,
        _required(bound),
    )


def _described(bound) -> str:
    ids = []
    if bound.help_text:
        ids.append(f"{bound.auto_id}_helptext")
    if bound.errors:
        ids.append(f"{bound.auto_id}_error")
    return " ".join(ids)


def _attrs(attrs: dict) -> str:
    """Attributes as HTML: True as a bare name, False and None left out."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {name}")
        elif value not in (False, None):
            parts.append(f' {name}="{escape(str(value), quote=True)}"')
    return mark_safe("".join(parts))


def form(form) -> str:
    """A step's form: errors, hidden fields, then each field, a text's languages side by
    side with a warning under a translation that reads as Latvian."""
    warnings = form.language_warnings()
    parts = []
    if form.non_field_errors():
        parts.append(
            format_html(
                '<div class="alert alert-danger">{}</div>', " ".join(form.non_field_errors())
            )
        )
    parts += [_hidden(bound) for bound in form.hidden_fields()]
    for group in form.field_groups():
        if len(group) == 1:
            parts.append(field(group[0], form.memo))
            continue
        columns = []
        for bound in group:
            warning = ""
            if bound.name in warnings:
                warning = format_html(
                    '<p class="form-text text-warning-emphasis language-warning" '
                    'id="{}_warning">⚠ {}</p>',
                    bound.auto_id,
                    warnings[bound.name],
                )
            columns.append(f'<div class="col-md">{field(bound, form.memo)}{warning}</div>')
        parts.append(f'<div class="row g-3 text-languages">{"".join(columns)}</div>')
    return mark_safe("\n".join(str(p) for p in parts))


def _hidden(bound) -> str:
    value = bound.field.widget.format_value(bound.value())
    attrs = {"type": "hidden", "name": bound.html_name, "id": bound.auto_id}
    if value not in (None, ""):
        attrs["value"] = value
    return f"<input{_attrs(attrs)}>"


def _common(bound, widget, css: str) -> dict:
    attrs = {"name": bound.html_name}
    attrs.update(widget.attrs)
    invalid = "is-invalid" if bound.errors else ""
    attrs["class"] = " ".join(p for p in (widget.attrs.get("class", ""), css, invalid) if p)
    if described := _described(bound):
        attrs["aria-describedby"] = described
    if bound.errors:
        attrs["aria-invalid"] = "true"
    attrs["id"] = bound.auto_id
    return attrs


def _control(bound, widget, memo):
    if isinstance(widget, forms.Select):  # SelectMultiple included
        return _select(bound, widget, memo)
    value = widget.format_value(bound.value())
    if isinstance(widget, forms.Textarea):
        attrs = _common(bound, widget, "textarea form-control")
        return format_html("<textarea{}>\n{}</textarea>", _attrs(attrs), value or "")
    css = f"{widget.input_type}input form-control"
    attrs = {"type": widget.input_type, **_common(bound, widget, css)}
    if value not in (None, ""):
        attrs["value"] = value
    return format_html("<input{}>", _attrs(attrs))  # maxlength, min, max: in widget.attrs


def _options(bound, memo) -> str:
    """The options of a list, written once per page for every row's field of the same name."""
    key = ("options", bound.field.widget.__class__, bound.name.rsplit("-", 1)[-1])
    if key not in memo:
        memo[key] = format_html_join(
            "\n", '<option value="{}">{}</option>', _choice_list(bound, memo)
        )
    return memo[key]


def _choice_list(bound, memo) -> list[tuple[str, str]]:
    key = ("choices", bound.name.rsplit("-", 1)[-1])
    if key not in memo:
        memo[key] = [(str(value), str(label)) for value, label in bound.field.choices]
    return memo[key]


def _select(bound, widget, memo):
    css = "selectmultiple form-select" if widget.allow_multiple_selected else "select form-select"
    attrs = _common(bound, widget, css)
    if widget.allow_multiple_selected:
        attrs["multiple"] = True
    options = str(_options(bound, memo))
    for value in widget.format_value(bound.value()):
        needle = f'<option value="{conditional_escape(value)}">'
        options = options.replace(needle, needle[:-1] + " selected>", 1)
    return format_html("<select{}>\n{}\n</select>", _attrs(attrs), mark_safe(options))


def _checkbox(bound):
    widget = bound.field.widget
    attrs = {"type": "checkbox", **_common(bound, widget, "checkboxinput form-check-input")}
    if widget.check_test(bound.value()):
        attrs["checked"] = True
    required = " requiredField" if bound.field.required else ""
    return format_html(
        '<div class="mb-3"><div id="div_{}" class="form-check"><input{}>'
        '<label for="{}" class="form-check-label{}">{}{}</label>{}{}</div></div>',
        bound.auto_id,
        _attrs(attrs),
        bound.auto_id,
        required,
        bound.label,
        _required(bound),
        _errors(bound),
        _help(bound),
    )


def _choices(bound, widget, memo):
    """Checkboxes or radio buttons, in a fieldset named by its legend."""
    # (CheckboxSelectMultiple is a RadioSelect in Django's widget classes.)
    kind = "checkbox" if isinstance(widget, forms.CheckboxSelectMultiple) else "radio"
    chosen = {str(v) for v in widget.format_value(bound.value())}
    invalid = " is-invalid" if bound.errors else ""
    items = []
    for index, (value, label) in enumerate(_choice_list(bound, memo)):
        if value in ("", None) and kind == "radio":
            continue
        attrs = {
            "type": kind,
            "class": f"form-check-input{invalid}",
            "name": bound.html_name,
            "value": value,
            "id": f"{bound.auto_id}_{index}",
            "checked": str(value) in chosen,
        }
        items.append(
            format_html(
                '<div class="form-check"><input{}><label for="{}" class="form-check-label">'
                "{}</label></div>",
                _attrs(attrs),
                attrs["id"],
                label,
            )
        )
    described = _described(bound)
    required = " requiredField" if bound.field.required else ""
    return format_html(
        '<div id="div_{}" class="mb-3"><fieldset{}><legend class="form-label{} fs-6">{}{}'
        "</legend><div>{}</div>{}{}</fieldset></div>",
        bound.auto_id,
        _attrs({"aria-describedby": described or None}),
        required,
        bound.label,
        _required(bound),
        mark_safe("".join(items)),
        _errors(bound),
        _help(bound),
    )


def _errors(bound):
    if not bound.errors:
        return ""
    return format_html(
        '<div id="{}_error" class="invalid-feedback d-block">{}</div>',
        bound.auto_id,
        format_html_join(
            "",
            '<p id="error_{}_{}"><strong>{}</strong></p>',
            ((n, bound.auto_id, e) for n, e in enumerate(bound.errors, 1)),
        ),
    )


def _help(bound):
    if not bound.help_text:
        return ""
    return format_html(
        '<div id="{}_helptext" class="form-text">{}</div>', bound.auto_id, bound.help_text
    )
