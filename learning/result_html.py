"""The result page's markup repeated per item, drawn in Python as the quiz page's is
(`learning.take_html`): the item's card, with its verdict, points, prompt, feedback and the
student's answer. Drawn by the template engine, that loop was the page's largest template
cost (a dozen lookups, an include and a translation per item). The rest of the page stays in
templates/learning/attempt_result.html."""

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from quizzes.feedback import Verdict

from .take_html import html_fill

# A verdict's symbol, beside its words: never colour alone.
SYMBOL = {
    Verdict.RIGHT: "✓",
    Verdict.PARTIAL: "◐",
    Verdict.WRONG: "✗",
    Verdict.BLANK: "○",
    Verdict.PENDING: "✎",
}
ICON = """<span class="verdict-icon" aria-hidden="true">{symbol}</span>"""

# The prompt, the feedback and the answer controls come as safe HTML (lessons.markdown,
# quizzes.controls).
ROW = """<li class="card mb-3">
<div class="card-body">
<h2 class="h5">
{heading}
{verdict}{points}</h2>
<div class="prompt prose">{prompt_html}</div>
{feedback_html}
<details class="your-answer mt-2">
<summary>{your_answer}</summary>
{controls_html}
</details>
</div>
</li>"""
VERDICT = """<span class="verdict verdict-{value}" data-verdict="{value}">
{icon}
{label}
</span>
"""
POINTS = """<span class="badge text-bg-light">{label}</span>
"""


def verdict_icon(verdict: Verdict | str) -> SafeString:
    """The symbol of a verdict, hidden from screen readers (the words beside it say it)."""
    return mark_safe(html_fill(ICON, symbol=SYMBOL.get(verdict, SYMBOL[Verdict.PENDING])))  # noqa: S308


def rows_html(rows) -> SafeString:
    """The cards of the result page, one per item (`learning.selectors.result.ResultRow`)."""
    your_answer = gettext("Your answer")
    return mark_safe(  # noqa: S308 - each part escaped by html_fill
        "\n".join(
            html_fill(
                ROW,
                heading=row.heading,
                verdict=_verdict(row.feedback.verdict) if row.feedback else "",
                points=mark_safe(html_fill(POINTS, label=row.points_label))  # noqa: S308
                if row.points_label
                else "",
                prompt_html=row.item.prompt_html,
                feedback_html=row.feedback_html,
                your_answer=your_answer,
                controls_html=row.item.controls_html,
            )
            for row in rows
        )
    )


def _verdict(verdict: Verdict) -> SafeString:
    return mark_safe(  # noqa: S308 - each part escaped by html_fill
        html_fill(VERDICT, value=verdict.value, icon=verdict_icon(verdict), label=verdict.label)
    )
