"""One WTForms field in Bootstrap 5 markup, written in Python.

The markup is bootstrap-flask's ``render_field`` macro in its basic layout (the only one the app
uses), element for element, but for one thing: a field's help stays under its error (see
``_messages``); tests/test_form_fields.py renders both and compares them. The macro
cost about half a millisecond a field, the largest share of the time a page with several forms
takes to render (the plan builder shows 18 fields); this costs a tenth of that.

Templates call it as they called the macro: ``{{ render_field(form.name, rows=2) }}``, with
``button_style`` and ``button_size`` for buttons and any other keyword an HTML attribute.
"""

from __future__ import annotations

import copy
from functools import cache

from flask import current_app
from markupsafe import Markup, escape
from wtforms import Field
from wtforms.widgets import Select
from wtforms.widgets.core import clean_key


def render_field(
    field: Field, *, button_style: str = "", button_size: str = "", **attributes
) -> Markup:
    if field.type in ("CSRFTokenField", "HiddenField"):
        return field()
    config = current_app.config
    if field.flags.required and "required" not in attributes:
        attributes["required"] = True
    extra = attributes.pop("class", "") or attributes.pop("class_", "")
    extra = f" {extra}" if extra else ""
    if field.type == "SubmitField":
        style = button_style or config["BOOTSTRAP_BTN_STYLE"]
        size = button_size or config["BOOTSTRAP_BTN_SIZE"]
        return field(class_=f"btn btn-{style} btn-{size}{extra}", **attributes)
    group = config["BOOTSTRAP_FORM_GROUP_CLASSES"]
    invalid = " is-invalid" if field.errors else ""
    after = _messages(field)
    if getattr(field.widget, "input_type", None) == "checkbox":
        box = field(class_=f"form-check-input{invalid}{extra}", **attributes)
        text = field.label(class_="form-check-label", for_=field.id)
        return Markup(f'<div class="{escape(group)} form-check">{box}{text}{after}</div>')  # noqa: S704 -- markup parts
    if field.type == "RadioField":
        option = Markup('<div class="form-check">{}{}</div>')
        options = Markup("").join(
            option.format(
                choice(class_="form-check-input"),
                choice.label(class_="form-check-label", for_=choice.id),
            )
            for choice in field
        )
        text = field.label(class_="form-label")
        return Markup('<div class="{} ">{}{}{}</div>').format(group, text, options, after)
    control = "form-select" if field.type == "SelectField" else "form-control"
    required = " required" if field.flags.required else ""
    text = _label(field, "form-label")
    widget = field(class_=f"{control}{invalid}{extra}", **attributes)
    return Markup(f'<div class="{escape(group)}{required}">{text}{widget}{after}</div>')  # noqa: S704 -- markup parts


def _label(field: Field, class_: str) -> Markup:
    """``field.label(class_=...)``, its attributes written by ``quick_html_params``."""
    label = field.label
    attributes = quick_html_params(**{"for": label.field_id, "class": class_})
    return Markup(f"<label {attributes}>{escape(label.text)}</label>")  # noqa: S704 -- escaped


def quick_html_params(**attributes) -> Markup:
    """``wtforms.widgets.html_params`` with plain string formatting: the same attributes in the
    same order, escaped the same way (tests/test_form_fields.py compares them). WTForms writes
    each attribute with ``Markup.format``, whose pure-Python formatter was most of the time a
    field took to render: about 8 microseconds an attribute, 50 for a hidden input."""
    params = []
    for key, value in sorted(attributes.items()):
        key = clean_key(key)
        if value is True:
            params.append(key)
        elif value is not False:
            params.append(f'{escape(key)}="{_attribute_value(value)}"')
    return Markup(" ".join(params))  # noqa: S704 -- every part escaped above


def _attribute_value(value) -> str:
    """``value`` escaped as WTForms escapes an attribute: a quote left in markup becomes
    ``&quot;`` (checked before replacing: ``Markup.replace`` escapes its arguments, slowly)."""
    text = str(escape(value))
    return text.replace('"', "&quot;") if '"' in text else text


@cache  # one quick copy of each widget: the fields of a class share its widget
def quick_widget(widget):
    """The same widget, writing its attributes with ``quick_html_params``; a single-choice
    select is a ``QuickSelect``. The app's forms give it to every field (``practice.forms``)."""
    if type(widget) is Select and not widget.multiple:
        return QUICK_SELECT
    quick = copy.copy(widget)
    quick.__class__ = _quick_class(type(widget))
    return quick


@cache
def _quick_class(widget_class: type) -> type:
    return type(
        f"Quick{widget_class.__name__}",
        (widget_class,),
        {"html_params": staticmethod(quick_html_params), "__doc__": quick_widget.__doc__},
    )


def _messages(field: Field) -> Markup:
    """The field's errors, then its description (markup: the macro writes it unescaped).

    Unlike the macro, which drops the description when there is an error: the help says what
    the field takes ("kg, today"), which is what a clinician needs most when the entry was
    refused."""
    error = Markup('<div class="invalid-feedback d-block">{}</div>')
    errors = Markup("").join(error.format(message) for message in field.errors)
    if field.description:
        return errors + Markup('<small class="form-text text-body-secondary">{}</small>').format(
            Markup(field.description)  # noqa: S704 -- the forms' own text, as the macro has it
        )
    return errors


class QuickSelect(Select):
    """WTForms' single-choice select, written directly: WTForms 3.3 writes the tag with the
    module's ``html_params`` (whatever the widget's own), looks up ``render_option``'s signature
    on every call and formats each option with ``Markup.format``; this writes the same markup
    (tests/test_form_fields.py compares them) in a fraction of the time, which counts where a
    select lists the catalogue or the body regions, and on every form of the plan builder."""

    html_params = staticmethod(quick_html_params)

    def __call__(self, field, **kwargs) -> Markup:
        if self.multiple or field.has_groups():
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        flags = vars(field.flags)
        for name in self.validation_attrs:
            if name in flags and name not in kwargs:
                kwargs[name] = flags[name]
        options = "".join(self.render_option(choice) for choice in field._iter_choices_normalized())
        return Markup(f"<select {quick_html_params(name=field.name, **kwargs)}>{options}</select>")  # noqa: S704 -- escaped

    @classmethod
    def render_option(cls, choice, **kwargs) -> Markup:
        if kwargs or choice.render_kw:
            return super().render_option(choice, **kwargs)
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        selected = " selected" if choice.selected else ""
        text = escape(choice.label or choice.value)
        return Markup(f'<option{selected} value="{_attribute_value(value)}">{text}</option>')  # noqa: S704 -- escaped


QUICK_SELECT = QuickSelect()
