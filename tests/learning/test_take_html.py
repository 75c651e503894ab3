"""learning.take_html draws the quiz page's per-item markup in Python: what is safe HTML goes in
as it is, every other value is escaped, as the template engine would."""

from types import SimpleNamespace

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from learning.take_html import ITEM, items_html, unanswered_html


def item(**changes):
    values = {
        "number": 3,
        "save_url": "/attempts/1/responses/9/?a=1&b=2",
        "response": None,
        "heading": 'Question "3" <b>',
        "points_label": "2 points & more",
        "prompt_html": mark_safe("<p>Which <em>sentence</em>?</p>"),
        "error": "",
        "uid": "q9",
        "question": SimpleNamespace(pk=9, type="single_choice"),
        "controls_html": mark_safe('<input type="radio" name="q9-choice">'),
    }
    return SimpleNamespace(**{**values, **changes})


def test_text_is_escaped_and_safe_html_kept_as_format_html_does():
    shown = item(error="Not a number: <script>alert('x')</script>")
    html = items_html([shown])
    assert html == format_html(
        ITEM,
        number=3,
        save_url=shown.save_url,
        answered="",
        heading=shown.heading,
        points_label=shown.points_label,
        prompt_html=shown.prompt_html,
        error=format_html(
            '<p class="alert alert-danger" id="error-{uid}">{error}</p>\n',
            uid="q9",
            error=shown.error,
        ),
        question_id=9,
        type="single_choice",
        controls_html=shown.controls_html,
    )
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<p>Which <em>sentence</em>?</p>" in html
    assert 'data-autosave-url="/attempts/1/responses/9/?a=1&amp;b=2"' in html
    assert "Question &quot;3&quot; &lt;b&gt;" in html


def test_an_answered_item_is_marked_and_hidden_from_the_unanswered_list():
    answered = item(response={"choice": "a"})
    assert "data-answered" in items_html([answered])
    assert "hidden" in unanswered_html([answered])
    assert "hidden" not in unanswered_html([item()])
