"""The step page's activities drawn in Python, as the quiz page's items are (learning/take_html.py):
per activity the template engine looked up, localised and escaped some twenty values, drew two
addresses and two memoised parts, a third of the page's time. Every value that is not already
safe HTML is escaped, as the template did (`html.escape`, which Django's `escape` is: per card,
`format_html`'s escaping of each value cost more than the card); the words are the template's
messages, so their translations are the same. The answer controls and a checked activity's
feedback are their templates' HTML, from the cache (`activities_render`). The rest of the page
stays in step_detail.html."""

from html import escape

from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from core.fragments import fragments_render
from quizzes.controls import controls_fragment, feedback_fragment

# The prompt, the answer controls and the feedback come as safe HTML (lessons.markdown,
# quizzes.controls, the feedback's template); the words are safe as {% translate %} makes them.
# Each card starts with an empty line, as the template it replaces drew it.
CARD = """
<section class="card activity mb-4"
id="activity-{uid}"
aria-labelledby="activity-{uid}-title"
{autosave}>
<div class="card-body">
<h3 class="h5 activity-title" id="activity-{uid}-title">
{heading}
{badges}</h3>
<div class="prompt prose">{prompt_html}</div>
{error}<input type="hidden" name="items" value="{question_id}">
<div class="answer answer-{type}">
{controls_html}
</div>
<div class="activity-actions">
{button}<span class="autosave-status" data-autosave-status aria-live="polite"></span>
</div>
<div class="feedback-area" id="feedback-{uid}" aria-live="polite">
{feedback}</div>
</div>
</section>
"""
AUTOSAVE = 'data-autosave-url="{url}"'
EXTENSION = """<span class="badge text-bg-light border ms-1">{text}</span>
"""
RIGHT_FIRST_TIME = """<span class="badge text-bg-success ms-1">{text}</span>
"""
ERROR = """<p class="alert alert-danger" id="error-{uid}">{error}</p>
"""
CHECK = """<button type="submit"
name="check"
value="{question_id}"
class="btn btn-primary"
hx-post="{url}"
hx-target="#feedback-{uid}"
hx-swap="innerHTML"
hx-sync="this:drop"
{disabled}>
{check}<span class="visually-hidden"> {which}</span>
</button>
"""
SAVE = """<button type="submit"
name="save"
value="1"
class="btn btn-primary"
{disabled}>{save}</button>
<span class="form-text">{note}</span>
"""
DISABLED = mark_safe("disabled")


def _words(text: str) -> SafeString:
    """A message of ours, translated: as safe as {% translate %} and {% blocktranslate %}
    make it (their values here are numbers)."""
    return mark_safe(text)  # noqa: S308 - our own message catalogue


def activities_render(activities, *, disabled: bool) -> None:
    """Set each activity's answer controls and its last check's feedback (`controls_html`,
    `feedback_html`): from the cache of rendered fragments where it holds them, one round trip
    for the page (core.fragments), as the result page draws its answers and feedback."""
    judged = [activity for activity in activities if activity.feedback]
    html = fragments_render(
        [controls_fragment(activity, disabled=disabled) for activity in activities]
        + [feedback_fragment(activity.feedback) for activity in judged]
    )
    for activity, controls in zip(activities, html[: len(activities)], strict=True):
        activity.controls_html = controls
    for activity, feedback in zip(judged, html[len(activities) :], strict=True):
        activity.feedback_html = feedback


def activities_html(page) -> SafeString:
    """The cards of the step's activities (`learning.selectors.step.Activity`), in order."""
    # One reverse() per address for the page: they differ only in the question's segment.
    pk = page.assignment.pk
    save_head, save_tail = reverse("learning:activity_save", args=[pk, 0]).rsplit("/0/", 1)
    check_head, check_tail = reverse("learning:activity_check", args=[pk, 0]).rsplit("/0/", 1)
    total = len(page.activities)
    # The words every card of the page shows, translated once for the page.
    disabled = DISABLED if page.closed else ""
    extension = format_html(EXTENSION, text=_words(gettext("Extension: if you have time")))
    right = format_html(RIGHT_FIRST_TIME, text=_words(gettext("Right first time")))
    check, heading = gettext("Check"), gettext("Activity %(n)s of %(total)s")
    which = gettext("activity %(n)s")
    save = format_html(
        SAVE,
        disabled=disabled,
        save=_words(gettext("Save my answer")),
        note=_words(gettext("Your teacher reads this answer; it is not scored automatically.")),
    )
    cards = []
    for activity in page.activities:
        # Per card, `format` with every value escaped here (format_html's escaping, without
        # its cost per value): the uid and type escaped once, the numbers are numbers.
        question = activity.question
        uid, qid = escape(activity.uid), question.pk
        values = {"n": activity.number, "total": total}
        if activity.checkable:
            url = escape(f"{check_head}/{qid}/{check_tail}")
            button = CHECK.format(
                question_id=qid,
                url=url,
                uid=uid,
                disabled=disabled,
                check=check,
                which=which % values,
            )
        else:
            button = save
        feedback = f"{activity.feedback_html}\n" if activity.feedback else ""
        save_url = escape(f"{save_head}/{qid}/{save_tail}")
        cards.append(
            CARD.format(
                uid=uid,
                autosave="" if page.closed else AUTOSAVE.format(url=save_url),
                heading=heading % values,
                badges=(extension if question.extension else "")
                + (right if activity.first_try_state == "correct" else ""),
                prompt_html=conditional_escape(activity.prompt_html),
                error=ERROR.format(uid=uid, error=escape(str(activity.error)))
                if activity.error
                else "",
                question_id=qid,
                type=escape(question.type),
                controls_html=conditional_escape(activity.controls_html),
                button=button,
                feedback=feedback,
            )
        )
    return mark_safe("\n".join(cards))  # noqa: S308 - every value escaped above
