"""The preview: an item exactly as a student sees it in a quiz, with the feedback its type
gives on a sample answer, and no database writes."""

from __future__ import annotations

import pytest

from quizzes.editors import item_preview_html
from quizzes.editors.editor import _named_sources
from quizzes.types import Context, registry
from quizzes.types.levels import split_levels

from .formdata import form_data
from .packages import package_items

ITEMS = list(package_items())
CHOICE = {
    "id": "q-who",
    "type": "single_choice",
    "prompt": "Who *published* the report?",
    "skills": ["sourcing"],
    "feedback": {"correct": "Well read.", "incorrect": "Look at the title page."},
    "spec": {
        "choices": [
            {"id": "hrw", "text": "Human Rights Watch", "correct": True, "feedback": "Yes."},
            {"id": "gov", "text": "A government", "feedback": "Which one?"},
        ]
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("item", "sentences"),
    [pytest.param(item, s, id=f"{name}:{'.'.join(map(str, loc))}") for name, loc, item, s in ITEMS],
)
def test_every_package_item_previews_with_its_quiz_controls_and_no_queries(
    item, sentences, django_assert_num_queries
):
    with django_assert_num_queries(0):
        html = item_preview_html(item, sentences=sentences)
    assert "data-item-preview" in html
    assert "once the question has no errors" not in html
    assert 'name="preview-' in html  # the type's own answer controls


@pytest.mark.parametrize(
    ("item", "sentences"),
    [pytest.param(item, s, id=f"{name}:{'.'.join(map(str, loc))}") for name, loc, item, s in ITEMS],
)
def test_the_key_of_every_package_item_previews_as_correct(item, sentences):
    qt = registry.get(item["type"])
    raw = split_levels(qt, item.get("spec", {})).spec  # the standard texts, as a preview shows
    ctx = Context(sentences=dict(sentences), source_ids=_named_sources(raw))
    spec = qt.prepare(qt.parse_spec(raw), ctx)
    right = qt.dump_response(qt.correct_response(spec))
    html = item_preview_html(item, sentences=sentences, response=right)
    expected = "Your teacher scores this answer." if not qt.auto_graded else "Correct!"
    assert expected in html


def test_a_posted_sample_answer_is_shown_chosen_with_the_feedback_on_it():
    data = form_data('<input name="preview-choice" value="gov">')
    html = item_preview_html(CHOICE, sentences={}, data=data)
    assert 'value="gov"\n             \n             checked' in html or "checked" in html
    assert "Not yet." in html
    assert "Look at the title page." in html
    assert "Which one?" in html


def test_feedback_can_be_left_out():
    html = item_preview_html(CHOICE, sentences={}, response={"choice": "hrw"}, show_feedback=False)
    assert "Correct!" not in html
    assert "<em>published</em>" in html  # the prompt, rendered as Markdown


def test_an_unreadable_sample_answer_is_refused_in_words():
    html = item_preview_html(CHOICE, sentences={}, response={"choice": "nope"})
    assert "alert-danger" in html


def test_an_item_that_does_not_validate_shows_a_notice_not_an_error():
    broken = {**CHOICE, "spec": {"choices": []}}
    assert "once the question has no errors" in item_preview_html(broken, sentences={})
    unknown = {**CHOICE, "type": "no_such_type"}
    assert "once the question has no errors" in item_preview_html(unknown, sentences={})


LEVELED = {
    **CHOICE,
    "prompt": {"standard": "Who *published* the report?", "simpler": "Who made the report?"},
    "feedback": {
        "incorrect": {"standard": "Look at the title page.", "simpler": "Look at page 1."}
    },
    "spec": {
        "choices": [
            {"id": "hrw", "text": "Human Rights Watch", "correct": True},
            {
                "id": "gov",
                "text": "A government",
                "feedback": {"standard": "Which one?", "simpler": "Which country?"},
            },
        ]
    },
}


@pytest.mark.parametrize(
    ("level", "shown", "hidden"),
    [
        (
            "standard",
            ["<em>published</em>", "Which one?", "Look at the title page."],
            ["Which country?"],
        ),
        ("simpler", ["Who made the report?", "Which country?", "Look at page 1."], ["Which one?"]),
    ],
)
def test_the_preview_reads_the_item_at_the_reading_level_asked(level, shown, hidden):
    html = item_preview_html(LEVELED, sentences={}, response={"choice": "gov"}, level=level)
    for text in shown:
        assert text in html
    for text in hidden:
        assert text not in html
