"""The step page's activity cards, drawn in Python (learning/step_html.py): every value escaped
as the template escaped it, the safe HTML (prompt, controls, badges, feedback) left as it is."""

from types import SimpleNamespace

from django.utils.safestring import mark_safe
from django.utils.translation import override

from learning.step_html import activities_html


def activity(**changes):
    values = {
        "number": 1,
        "uid": "q7",
        "question": SimpleNamespace(pk=42, type="single_choice", extension=False),
        "checkable": True,
        "first_try_state": "",
        "prompt_html": mark_safe("<p>Who <em>wrote</em> it?</p>"),
        "error": "",
        "controls_html": mark_safe('<input type="radio" name="q7-choice">'),
        "feedback": None,
        "feedback_html": "",
    }
    return SimpleNamespace(**{**values, **changes})


def page(*activities, closed=False):
    return SimpleNamespace(
        assignment=SimpleNamespace(pk=5), activities=list(activities), closed=closed
    )


def test_a_card_has_its_addresses_heading_and_safe_html():
    html = activities_html(page(activity(), activity(number=2, uid="q8", checkable=False)))
    assert html.count('<section class="card activity mb-4"') == 2
    assert 'data-autosave-url="/lessons/assignments/5/activities/42/save/"' in html
    assert 'hx-post="/lessons/assignments/5/activities/42/check/"' in html
    assert "Activity 1 of 2" in html and "Activity 2 of 2" in html
    assert "<p>Who <em>wrote</em> it?</p>" in html
    assert '<input type="radio" name="q7-choice">' in html
    assert "Save my answer" in html  # the second, not checked automatically
    assert "disabled" not in html


def test_badges_are_html_and_an_error_is_text():
    html = activities_html(
        page(
            activity(
                question=SimpleNamespace(pk=42, type="order", extension=True),
                first_try_state="correct",
                error="Use <b> & 'quotes'",
            ),
            closed=True,
        )
    )
    assert '<span class="badge text-bg-success ms-1">Right first time</span>' in html
    assert (
        '<span class="badge text-bg-light border ms-1">Extension: if you have time</span>' in html
    )
    assert "Use &lt;b&gt; &amp; &#x27;quotes&#x27;" in html
    assert "data-autosave-url" not in html  # closed: nothing is saved
    assert "disabled>" in html


def test_the_words_are_in_the_readers_language():
    with override("ru"):
        html = activities_html(page(activity()))
    assert "Activity 1 of 1" not in html
    assert "Проверить" in html


def test_a_checked_activity_shows_its_feedback_inside_its_area():
    feedback = mark_safe('<div class="feedback feedback-correct">Right!</div>')
    html = activities_html(page(activity(feedback=object(), feedback_html=feedback)))
    assert (
        '<div class="feedback-area" id="feedback-q7" aria-live="polite">\n'
        '<div class="feedback feedback-correct">Right!</div>\n</div>'
    ) in html
