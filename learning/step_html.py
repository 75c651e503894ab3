"""The step page's activities drawn in Python, as the quiz page's items are (learning/take_html.py):
per activity the template engine looked up, localised and escaped some twenty values, drew two
addresses and two memoised parts, a third of the page's time. `format_html` escapes every value
that is not already safe HTML, as the template did; the words are the template's messages, so
their translations are the same. A checked activity's feedback is still drawn by its template
(templates/learning/_feedback.html). The rest of the page stays in step_detail.html."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

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


def activities_html(page) -> SafeString:
    """The cards of the step's activities (`learning.selectors.step.Activity`), in order."""
    # One reverse() per address for the page: they differ only in the question's segment.
    pk = page.assignment.pk
    save_head, save_tail = reverse("learning:activity_save", args=[pk, 0]).rsplit("/0/", 1)
    check_head, check_tail = reverse("learning:activity_check", args=[pk, 0]).rsplit("/0/", 1)
    total = len(page.activities)
    cards = []
    for activity in page.activities:
        question = activity.question
        values = {"n": activity.number, "total": total}
        badges = []
        if question.extension:
            badges.append(
                format_html(EXTENSION, text=_words(gettext("Extension: if you have time")))
            )
        if activity.first_try_state == "correct":
            badges.append(format_html(RIGHT_FIRST_TIME, text=_words(gettext("Right first time"))))
        disabled = DISABLED if page.closed else ""
        if activity.checkable:
            button = format_html(
                CHECK,
                question_id=question.pk,
                url=f"{check_head}/{question.pk}/{check_tail}",
                uid=activity.uid,
                disabled=disabled,
                check=_words(gettext("Check")),
                which=_words(gettext("activity %(n)s") % values),
            )
        else:
            button = format_html(
                SAVE,
                disabled=disabled,
                save=_words(gettext("Save my answer")),
                note=_words(
                    gettext("Your teacher reads this answer; it is not scored automatically.")
                ),
            )
        feedback = ""
        if activity.feedback:
            html = render_to_string("learning/_feedback.html", {"feedback": activity.feedback})
            feedback = mark_safe(f"{html}\n")  # noqa: S308 - the template escaped it
        cards.append(
            format_html(
                CARD,
                uid=activity.uid,
                autosave=""
                if page.closed
                else format_html(AUTOSAVE, url=f"{save_head}/{question.pk}/{save_tail}"),
                heading=_words(gettext("Activity %(n)s of %(total)s") % values),
                badges=mark_safe("".join(badges)),  # noqa: S308 - each made by format_html
                prompt_html=activity.prompt_html,
                error=format_html(ERROR, uid=activity.uid, error=activity.error)
                if activity.error
                else "",
                question_id=question.pk,
                type=question.type,
                controls_html=activity.controls_html,
                button=button,
                feedback=feedback,
            )
        )
    return mark_safe("\n".join(cards))  # noqa: S308 - each part escaped by format_html
