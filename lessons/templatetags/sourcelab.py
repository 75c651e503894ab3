from django import template

from lessons.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str):
    """Render author Markdown through the sanitiser. No database access."""
    return render_markdown(text or "")
