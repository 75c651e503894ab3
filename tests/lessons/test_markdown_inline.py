"""Short texts of a question (a choice, an item to order, a label) as inline Markdown: phrasing
HTML that fits in a label or a table heading, sanitised like every author's Markdown."""

import pytest

from lessons.markdown import render_markdown_inline


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("The **Soviet Union** dissolves", "The <strong>Soviet Union</strong> dissolves"),
        ("*never* or _always_", "<em>never</em> or <em>always</em>"),
        ("`s12`", "<code>s12</code>"),
        ("1. Not a list", "1. Not a list"),
        ("# Not a heading", "# Not a heading"),
        ("- Not a list", "- Not a list"),
        ("> Not a quote", "&gt; Not a quote"),
        ("6 < 7 & 8", "6 &lt; 7 &amp; 8"),
        ("One\n\nTwo", "One<br>Two"),
        ("<b onclick=x>bold</b><script>alert(1)</script>", "<b>bold</b>"),
        ("As HRW said [@hrw-1992]", 'As HRW said <sup class="citation"><a href="#ref-hrw-1992"'),
        ("", ""),
    ],
)
def test_a_short_text_is_rendered_inline_and_sanitised(text, html):
    assert str(render_markdown_inline(text)).startswith(html)
    assert "<p>" not in render_markdown_inline(text)


def test_the_teachers_key_renders_a_choice_as_the_student_sees_it():
    """The key on the teacher's pages (templates/classroom/_key_part.html) shows a choice's
    Markdown as the student's page does, not as raw asterisks."""
    from django.template.loader import render_to_string

    html = render_to_string(
        "classroom/_key_part.html",
        {"part": {"label": "The *first* choice", "expected": "**Yes**", "feedback": ""}},
    )
    assert "The <em>first</em> choice:" in html
    assert "<strong><strong>Yes</strong></strong>" in html
    assert "*" not in html
