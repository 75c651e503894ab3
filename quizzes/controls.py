"""HTML rendered once per distinct input and kept in the cache: an item's answer controls (the
quiz page, the step page's activities, the result page's "Your answer") and, on the result
page, the feedback on each answer.

The controls are most of a quiz page's rendering time (one template per item, with nested
includes and a loop per choice), yet they depend only on what their key holds: the public
spec (its lists already in the order this student sees them), the prompt at the reading level
(the legend repeats it), the saved answer, whether they are disabled, the language and the
templates themselves. Without shuffling every student of a class sees the same order, so a
class shares one entry per (item, answer). The mechanism is `core.fragments`: the key is a
digest of all the inputs, the language and the templates, so an entry is never stale: a
question edited in place, a new version, another order, another answer, a changed template
or another language is another key."""

from dataclasses import asdict

from core.fragments import Fragment, fragments_render

from .feedback import FeedbackView
from .selectors import Item

# The feedback on a checked or graded answer (the step page's activities, the result page).
FEEDBACK_TEMPLATE = "learning/_feedback.html"


def controls_fragment(item: Item, *, disabled: bool) -> Fragment:
    """An item's answer controls (its type's template): the legend repeats the prompt."""
    question = item.question
    return Fragment(
        item.qtype.template,
        {"question": item, "spec": item.spec, "response": item.response, "disabled": disabled},
        [
            question.pk,
            question.version,
            question.prompt_for(item.level),
            item.spec,
            item.response,
            disabled,
        ],
    )


def feedback_fragment(feedback: FeedbackView) -> Fragment:
    """The feedback on one answer: it shows nothing but the view's own values."""
    return Fragment(FEEDBACK_TEMPLATE, {"feedback": feedback}, asdict(feedback))


def controls_render(items: list[Item], *, disabled: bool) -> None:
    """Set `controls_html` on every item. A step page's activities
    (`learning.selectors.step.Activity`) have the same attributes and come here too."""
    shown = fragments_render([controls_fragment(item, disabled=disabled) for item in items])
    for item, html in zip(items, shown, strict=True):
        item.controls_html = html
