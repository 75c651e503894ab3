"""learning.result_html draws the result page's cards in Python: what is safe HTML goes in as
it is, every other value is escaped, and each verdict shows its symbol beside its words."""

from types import SimpleNamespace

from django.utils.safestring import mark_safe

from learning.result_html import SYMBOL, rows_html, verdict_icon
from quizzes.feedback import Verdict


def row(**changes):
    values = {
        "heading": 'Question "3" <b>',
        "feedback": SimpleNamespace(verdict=Verdict.PARTIAL),
        "points_label": "1 of 2 & more",
        "feedback_html": mark_safe('<div class="feedback"><p>Half of it.</p></div>'),
        "item": SimpleNamespace(
            prompt_html=mark_safe("<p>Which <em>sentence</em>?</p>"),
            controls_html=mark_safe('<input type="radio" name="q9-choice" disabled>'),
        ),
    }
    return SimpleNamespace(**{**values, **changes})


def test_text_is_escaped_and_safe_html_kept():
    html = rows_html([row()])
    assert html.startswith('<li class="card mb-3">') and html.endswith("</li>")
    assert "Question &quot;3&quot; &lt;b&gt;" in html
    assert '<span class="badge text-bg-light">1 of 2 &amp; more</span>' in html
    assert '<div class="prompt prose"><p>Which <em>sentence</em>?</p></div>' in html
    assert '<div class="feedback"><p>Half of it.</p></div>' in html
    assert '<summary>Your answer</summary>\n<input type="radio" name="q9-choice" disabled>' in html


def test_a_verdict_shows_its_symbol_hidden_from_screen_readers_beside_its_words():
    html = rows_html([row()])
    assert (
        '<span class="verdict verdict-partial" data-verdict="partial">\n'
        '<span class="verdict-icon" aria-hidden="true">◐</span>\nPartly right\n</span>'
    ) in html
    assert {verdict_icon(v) for v in Verdict} == {
        f'<span class="verdict-icon" aria-hidden="true">{SYMBOL[v]}</span>' for v in Verdict
    }
    assert len(set(SYMBOL.values())) == len(Verdict)  # never two verdicts with one symbol


def test_an_item_without_feedback_or_points_shows_neither():
    html = rows_html([row(feedback=None, points_label="", feedback_html="")])
    assert "data-verdict" not in html
    assert "badge" not in html
    assert rows_html([]) == ""
