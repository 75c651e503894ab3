from django import template

register = template.Library()


@register.filter
def errors_for(errors: dict, name: str) -> list:
    """The validator's messages placed at the form field `name`."""
    return errors.get(name, []) if isinstance(errors, dict) else []


@register.simple_tag
def studio_widget(field, errors):
    """The field's widget, described by its errors (the validator's and the form's) when it
    has some, and its help text."""
    described = [f"{field.auto_id}_help"] if field.help_text else []
    kind = widget_kind(field)
    attrs = {
        "class": {"check": "form-check-input", "checks": "form-check-input"}.get(
            kind, "form-select" if kind == "select" else "form-control"
        )
    }
    if errors or field.errors:
        described.insert(0, f"{field.auto_id}_problems")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def widget_kind(field) -> str:
    """ "check" (one box), "checks" (several), "select" or "text": how the field is drawn."""
    widget = field.field.widget
    if getattr(widget, "input_type", "") == "checkbox":
        return "checks" if getattr(widget, "allow_multiple_selected", False) else "check"
    return "select" if getattr(widget, "input_type", None) == "select" else "text"
