"""The result page a student reads (finding "Results" of the December 2026 walk: a wall of pink
"Not right" with no difference between wrong and left blank, no percentage, no word of the
reflection still to score, `false` for a true/false answer, raw Markdown in item texts)."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from lessons.models import StepKind
from quizzes import services
from quizzes.models import Attempt, Question
from tests.learning.results import card_of, quiz, result_html

pytestmark = pytest.mark.django_db


def start(student, assignment) -> Attempt:
    return services.attempt_start(student=student, lesson=assignment.lesson, assignment=assignment)


def save(attempt, key, data) -> None:
    services.response_save(attempt=attempt, question_id=quiz(key).pk, data=data)


def verdict_of(card: str) -> tuple[str, str, str]:
    """(data-verdict, icon, words) of a card's heading."""
    match = re.search(
        r'data-verdict="(\w+)">\s*<span class="verdict-icon" aria-hidden="true">(.)</span>'
        r"\s*([^<]+?)\s*</span>",
        card,
    )
    assert match, card[:400]
    return match.groups()


@pytest.fixture
def mixed(student, released):
    """Right (true/false), partly right (one of two right choices), wrong (a wrong choice),
    left blank with an answer saved empty (short text) and with none saved at all (the rest)."""
    attempt = start(student, released)
    save(attempt, "q-crowd-agree", {"answer": False})
    save(attempt, "q-checkable", {"choices": ["length"]})
    save(attempt, "q-purpose", {"choice": "protest"})
    save(attempt, "q-toll", {"text": ""})
    return services.attempt_submit(attempt=attempt)


@pytest.mark.parametrize(
    ("key", "verdict", "icon", "words"),
    [
        ("q-crowd-agree", "right", "✓", "Right"),
        ("q-checkable", "partial", "◐", "Partly right"),
        ("q-purpose", "wrong", "✗", "Wrong"),
        ("q-toll", "blank", "○", "Left blank"),  # an answer saved empty
        ("q-county-share", "blank", "○", "Left blank"),  # no answer saved at all
    ],
)
def test_each_answer_is_told_right_partly_right_wrong_or_blank_in_words_and_a_symbol(
    client, student, mixed, key, verdict, icon, words
):
    card = card_of(result_html(client, student, mixed), quiz(key))
    assert verdict_of(card) == (verdict, icon, words)
    assert f'class="feedback feedback-{verdict}"' in card


def test_a_blank_answer_says_so_and_a_wrong_one_does_not(client, student, mixed):
    html = result_html(client, student, mixed)
    assert "You did not answer this question." in card_of(html, quiz("q-toll"))
    assert "You did not answer this question." not in card_of(html, quiz("q-purpose"))
    # One part per choice: three of its four decisions (tick or not) were right.
    assert "3 of 4 parts are right." in card_of(html, quiz("q-checkable"))


def test_the_page_counts_each_kind_of_answer(client, student, mixed):
    html = result_html(client, student, mixed)
    tally = re.search(r"<ul class=\"list-inline result-tally\" data-tally>(.*?)</ul>", html, re.S)
    words = [
        " ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in tally.group(1).split("</li>")
    ]
    assert [w for w in words if w] == [
        "✓ 1 right",
        "◐ 1 partly right",
        "✗ 1 wrong",
        "○ 5 left blank",
    ]


def test_the_score_is_given_in_points_and_as_a_percentage(client, student, mixed):
    # 1 (true/false) + 1 of 2 (half the multiple choice) = 2 of the quiz's 12 points.
    assert (mixed.points_earned, mixed.points_possible) == (Decimal(2), Decimal(12))
    html = result_html(client, student, mixed)
    score = re.search(r"data-score>(.*?)</p>", html, re.S).group(1)
    assert " ".join(re.sub(r"<[^>]+>", " ", score).split()) == "2 of 12 points (17%)"


def test_true_or_false_is_shown_in_the_words_on_the_buttons(client, student, released):
    attempt = start(student, released)
    save(attempt, "q-crowd-agree", {"answer": True})
    html = result_html(client, student, services.attempt_submit(attempt=attempt))
    card = card_of(html, quiz("q-crowd-agree"))
    assert re.search(r"<em>Answer:</em>\s*False\s*</p>", card)
    assert not re.search(r"\bfalse\b", re.sub(r"<[^>]+>|value=\"false\"", "", card))


def written_question(lesson, key="q-essay", points=3) -> Question:
    """A quiz item the teacher scores, added to the example quiz."""
    return Question.objects.create(
        lesson=lesson,
        step=lesson.steps.get(kind=StepKind.QUIZ),
        key=key,
        position=99,
        type="free_text",
        prompt="Explain the report's purpose.",
        points=points,
        skills=["sourcing"],
        spec={"rubric": [{"level": 0, "label": "None"}, {"level": 3, "label": "Full"}]},
    )


def pending_note(html: str) -> str:
    found = re.search(r'<div class="result-pending" data-pending>(.*?)</div>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()) if found else ""


def test_the_page_says_what_the_teacher_still_scores_and_how_much_it_counts(
    client, student, teacher, released
):
    written_question(released.lesson)
    attempt = start(student, released)
    save(attempt, "q-essay", {"text": "It celebrates the bridge and answers its critics."})
    save(attempt, "q-crowd-agree", {"answer": False})
    html = result_html(client, student, services.attempt_submit(attempt=attempt))
    # The quiz: 12 points and the essay's 3; the lesson's reflection: 4 more (decision 0004).
    assert pending_note(html) == (
        "✎ Your teacher still has to score 1 answer, worth 3 of the 15 points: your score may "
        "still go up. Your written answers in the lesson count towards this assignment's grade "
        "too: 4 more points, out of 19 in all."
    )
    card = card_of(html, quiz("q-essay"))
    assert verdict_of(card) == ("pending", "✎", "Waiting for your teacher")


def test_the_note_says_whether_the_written_answers_are_scored(client, student, teacher, released):
    reflection = Question.objects.get(key="reflection", is_current=True)
    work = services.attempt_start(
        student=student, lesson=released.lesson, assignment=released, kind=Attempt.Kind.LESSON
    )
    services.response_save(attempt=work, question_id=reflection.pk, data={"text": "A start."})
    attempt = services.attempt_submit(attempt=start(student, released))
    assert pending_note(result_html(client, student, attempt)).endswith(
        "out of 16 in all. Your teacher has not scored all of them yet."
    )
    services.activity_score(attempt=work, question=reflection, points=Decimal(2), by=teacher)
    assert pending_note(result_html(client, student, attempt)).endswith(
        "out of 16 in all. You have 2 of those 4 points."
    )


def test_without_written_answers_or_pending_items_there_is_no_note(client, student, released):
    Question.objects.filter(key="reflection").delete()
    attempt = services.attempt_submit(attempt=start(student, released))
    assert "data-pending" not in result_html(client, student, attempt)


def emphasise_every_item_text(lesson) -> None:
    """Write every author's item text of the lesson as Markdown: `**id** said`."""
    for question in Question.objects.filter(lesson=lesson, is_current=True):
        spec = question.spec
        specs = [spec]
        if question.type == "two_part":
            spec["part_a"]["prompt"] = "Which *claim*?"
            specs = [spec["part_a"]["spec"], spec["part_b"]["spec"]]
        for inner in specs:
            for name in ("choices", "items", "prompts", "options", "rows", "columns"):
                for entry in inner.get(name) or []:
                    if "text" in entry and "sentence" not in entry:  # not the document's text
                        entry["text"] = f"**{entry['id']}** said"
            for entry in inner.get("categories") or []:
                entry["label"] = f"*{entry['id']}* label"
        Question.objects.filter(pk=question.pk).update(spec=spec)


def test_markdown_is_rendered_in_every_item_text_of_the_result(client, student, released):
    emphasise_every_item_text(released.lesson)
    attempt = start(student, released)
    save(attempt, "q-who-said", {"pairs": {"ornament": "mayor"}})
    html = result_html(client, student, services.attempt_submit(attempt=attempt))
    assert "**" not in html and "*claim*" not in html
    assert "<strong>celebrate</strong> said" in html  # a choice
    assert "<em>claim</em>" in html  # a two-part item's part prompt
    assert "<strong>dismisses</strong> said" in html  # its choices
    assert "<strong>ornament</strong> said" in html  # a match prompt
    assert re.search(r"<option[^>]*>\s*petition said\s*</option>", html)  # an option: text only
    # The key names the right answers in the same words, rendered.
    assert "<em>Answer:</em> <strong>celebrate</strong> said" in html
    assert "<strong>ornament</strong> said</span>" in html  # a part named in the feedback


@pytest.mark.parametrize(
    ("step", "rendered"),
    [
        ("context", "<strong>petition</strong> said"),  # an item to order
        ("sourcing", "<strong>courier</strong> said"),  # a choice of an activity
        ("fact_interpretation", "<em>fact</em> label"),  # a category (classify)
        ("corroboration", "<strong>cost</strong> said"),  # a row (matrix)
    ],
)
def test_markdown_is_rendered_in_every_item_text_of_the_activities(
    client, student, released, step, rendered
):
    emphasise_every_item_text(released.lesson)
    client.force_login(student)
    html = client.get(reverse("learning:step", args=[released.pk, step])).content.decode()
    assert rendered in html
    assert "**" not in html


def test_an_item_to_order_is_labelled_for_screen_readers_in_plain_words(client, student, released):
    emphasise_every_item_text(released.lesson)
    client.force_login(student)
    html = client.get(reverse("learning:step", args=[released.pk, "context"])).content.decode()
    assert "Position of “petition said”" in html
