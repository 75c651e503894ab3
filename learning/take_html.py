"""The quiz page's markup repeated per item, drawn in Python: the item's card and its entry in
the list of unanswered questions before "Submit". Drawn by the template engine, these two
loops were a third of the page's time at 50 items (a dozen variables per item, each looked up,
localised and escaped); `html_fill` escapes every value that is not already safe HTML, as the
template and `format_html` do, without their lazy-string wrappers (a tenth of the page's
time). The rest of the page stays in templates/learning/attempt_take.html."""

from html import escape

from django.utils.safestring import SafeString, mark_safe

# The prompt and the answer controls come as safe HTML (lessons.markdown, quizzes.controls).
ITEM = """<li class="card mb-3"
id="item-{number}"
data-autosave-url="{save_url}"
{answered}>
<div class="card-body">
<h2 class="h5">
{heading}
<span class="badge text-bg-light">{points_label}</span>
</h2>
<div class="prompt prose">{prompt_html}</div>
{error}<input type="hidden" name="items" value="{question_id}">
<div class="answer answer-{type}">
{controls_html}
</div>
<p class="autosave-status mb-0" data-autosave-status aria-live="polite"></p>
</div>
</li>"""
ERROR = """<p class="alert alert-danger" id="error-{uid}">{error}</p>
"""
UNANSWERED = """<li data-unanswered="item-{number}" {hidden}>
<a href="#item-{number}">{heading}</a>
</li>"""
ANSWERED = mark_safe("data-answered")
HIDDEN = mark_safe("hidden")


def html_fill(template: str, **values) -> str:
    """`format_html` without its wrappers: a value that is safe HTML as it is (`__html__`),
    any other escaped as text."""
    return template.format(
        **{
            name: value.__html__() if hasattr(value, "__html__") else escape(str(value))
            for name, value in values.items()
        }
    )


def items_html(items) -> SafeString:
    """The cards of the quiz form, one per item (`learning.selectors.attempt.TakeItem`)."""
    return mark_safe(  # noqa: S308 - each part escaped by html_fill
        "\n".join(
            html_fill(
                ITEM,
                number=item.number,
                save_url=item.save_url,
                answered=ANSWERED if item.response is not None else "",
                heading=item.heading,
                points_label=item.points_label,
                prompt_html=item.prompt_html,
                error=mark_safe(html_fill(ERROR, uid=item.uid, error=item.error))  # noqa: S308
                if item.error
                else "",
                question_id=item.question.pk,
                type=item.question.type,
                controls_html=item.controls_html,
            )
            for item in items
        )
    )


def unanswered_html(items) -> SafeString:
    """The links to every item, those with an answer hidden (static/js/quiz-progress.js shows
    and hides them as answers are saved)."""
    return mark_safe(  # noqa: S308 - each part escaped by html_fill
        "\n".join(
            html_fill(
                UNANSWERED,
                number=item.number,
                hidden=HIDDEN if item.response is not None else "",
                heading=item.heading,
            )
            for item in items
        )
    )
