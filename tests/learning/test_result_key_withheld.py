"""While the key is withheld, the result page gives nothing of it away (finding 1 of the
December 2026 walk: "✗ Not right: <option>" named the options to choose, select items listed
key sentences, explanations and order text gave answers; a blank first attempt took a student
from 0/10 to 9.667/10 on the second).

The property, for EVERY registered question type and any response to any generated spec: the
result page, rendered through the real template with the key withheld, contains nothing of the
key the student did not choose themselves. The oracle is written from the response alone
(`response_tokens`: the ids a response mentions), not from the types' `feedback_without_key`:

- the parts the student chose are "theirs": their labels and sentences may be named, and the
  explanation of a part they got right may be shown;
- the labels and sentences of every other part the right answer mentions, the values it gives
  (categories), every expected answer (positions, phrases, words) and every other explanation
  are the key, and must not appear in the feedback;
- with the teacher's level "outcomes", the feedback holds no part at all.

A type added later is covered as soon as it is registered: the test is parametrized over the
registry, and fails until the type has a spec strategy in test_type_properties.py.

At the simpler reading level every prose text of the spec has a simpler version (marked, and
holding the standard text's secret), so a simpler text may show only where its standard text
may: the same oracle, with the simpler forms of the allowed texts allowed.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils.html import strip_tags
from hypothesis import given
from hypothesis import strategies as st

from accounts.models import User
from learning.selectors.result import result_page_build
from lessons.models import Lesson
from lessons.templatetags.sourcelab import markdown, markdown_inline
from quizzes import policy
from quizzes.feedback import response_tokens
from quizzes.models import Attempt, FeedbackLevel, FeedbackTiming, Question, Quiz, Score
from quizzes.selectors import Item
from quizzes.types import registry
from quizzes.types.levels import dotted, prose_paths
from tests.quizzes.types.test_type_properties import PROPERTY, SECRET, cases, responses

DUE = datetime(2026, 12, 2, tzinfo=UTC)  # not yet passed: the key is withheld

# The question's own notes, by state: only the one on a right answer may show without the key.
QUESTION_NOTES = {state: f"{SECRET}note-{state}" for state in ("correct", "partial", "incorrect")}

# What the feedback block says in its own words, whatever the question.
FIXED = [
    re.compile(r"\d+ of \d+ parts are right\."),
    re.compile(re.escape("You did not answer this question.")),
    re.compile(re.escape("Your teacher scores this answer.")),
    re.compile(r"Not right:|Right:"),
]
# The block's marks, taken out after the student's own texts: an explanation may hold a dash.
MARKS = re.compile("[✓✗—]")


def review(level: str, *, key: bool = False) -> policy.Review:
    """The release the teacher's settings give a submitted attempt: `level` before the key."""
    settings = policy.QuizSettings(
        feedback_level=level,
        show_feedback=FeedbackTiming.AFTER_SUBMIT,
        show_key=FeedbackTiming.AFTER_SUBMIT if key else FeedbackTiming.AFTER_DUE,
    )
    return policy.review_for(settings, submitted=True, due_at=DUE, now=DUE - timedelta(days=1))


SIMPLER = "In simpler words: "
LEVELS = ("standard", "simpler")


def simpler_texts(qt, spec) -> dict[str, str]:
    """A simpler version of every prose text of the spec, by path (`Question.spec_simpler`)."""
    data = qt.dump_spec(spec)
    texts = {}
    for path in prose_paths(qt.prose_patterns(data), data):
        value = data
        for part in path:
            value = value[part]
        if isinstance(value, str) and value.strip():
            texts[dotted(path)] = SIMPLER + value
    return texts


def render_result(
    qt, spec, raw: dict[str, Any], shown: policy.Review, level: str = "standard"
) -> str:
    """The real result page (learning/attempt_result.html via `result_page_build`) of one
    submitted answer, built in memory as the selectors would read it, at a reading level."""
    result = qt.grade(spec, qt.parse_response(raw, spec)).as_dict()
    lesson = Lesson(pk=1, slug="lesson", title="Lesson")
    Quiz(lesson=lesson, title="Quiz")
    attempt = Attempt(pk=1, lesson=lesson, kind=Attempt.Kind.QUIZ, status="submitted")
    attempt.points_earned, attempt.points_possible = Decimal(0), Decimal(1)
    question = Question(
        pk=7,
        key="q",
        type=qt.key,
        prompt="Prompt",
        points=1,
        spec=qt.dump_spec(spec),
        spec_simpler=simpler_texts(qt, spec),
        feedback=QUESTION_NOTES,
    )
    public = qt.public_spec(qt.parse_spec(question.spec_for(level)))
    score = Score(
        state=result["state"],
        parts=result["parts"],
        feedback=result["feedback"],
        points_earned=Decimal(0),
        points_possible=Decimal(1),
    )
    item = Item(
        number=1, question=question, qtype=qt, spec=public, response=raw, score=score, level=level
    )
    page = result_page_build(attempt=attempt, review=shown, items=[item])
    request = RequestFactory().get("/")
    request.user = User(pk=3, username="student", role=User.Role.STUDENT)
    return render_to_string("learning/attempt_result.html", {"page": page}, request=request)


class FeedbackText(HTMLParser):
    """The visible text inside the page's feedback blocks (`div.feedback`), and of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # > 0 inside a feedback block
        self.hidden = 0  # > 0 inside aria-hidden icons and scripts (not read as text)
        self.feedback: list[str] = []
        self.page: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.depth += tag != "br"
        elif tag == "div" and "feedback" in classes:
            self.depth = 1
        if self.hidden:
            self.hidden += 1
        elif tag in ("script", "style"):
            self.hidden = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
        if self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if self.hidden:
            return
        self.page.append(data)
        if self.depth:
            self.feedback.append(data)


def feedback_blocks(html: str, *, within: str = "") -> list[str]:
    """The visible text of each feedback block of a result page, in order; with `within`, only
    those of the result cards whose HTML contains it."""
    found = []
    for card in html.split('<li class="card mb-3">')[1:]:
        if within in card:
            for block in re.split(r'(?=<div class="feedback )', card)[1:]:
                parsed = FeedbackText()
                parsed.feed(block)
                found.append(visible("".join(parsed.feedback)))
    return found


def visible(text: str) -> str:
    return " ".join(text.split())


def forms_of(text: str) -> set[str]:
    """A string as a page may show it: as written, and as its Markdown reads."""
    forms = {visible(text)}
    for rendered in (markdown(text), markdown_inline(text)):
        forms.add(visible(strip_tags(str(rendered)).replace("&amp;", "&")))
    return {form for form in forms if re.search(r"\w", form)}


def oracle(qt, spec, raw: dict[str, Any], level: str = "standard") -> tuple[set[str], set[str]]:
    """(allowed, key): what the page may say of the student's own answer, and the key."""
    public = qt.public_spec(spec)
    if level == "simpler":  # the labels the page shows, and the explanations it may read out
        public = qt.public_spec(
            qt.parse_spec(
                Question(spec=qt.dump_spec(spec), spec_simpler=simpler_texts(qt, spec)).spec_for(
                    level
                )
            )
        )
    labels, values = qt.part_labels(public), qt.value_labels(public)
    theirs = response_tokens(qt.dump_response(qt.parse_response(raw, spec)))
    result = qt.grade(spec, qt.parse_response(raw, spec))
    allowed: set[str] = set()
    for part in result.parts:
        if part.id in theirs:
            for label in labels.find(part.id):
                allowed |= forms_of(label.text) | ({label.sentence} if label.sentence else set())
            if part.correct is True and part.feedback:
                allowed |= forms_of(part.feedback) | forms_of(SIMPLER + part.feedback)
    if result.state == "correct":
        for line in (*result.feedback, QUESTION_NOTES["correct"]):
            allowed |= forms_of(line) | forms_of(SIMPLER + line)
    key: set[str] = set()
    correct = qt.dump_response(qt.correct_response(spec))
    chosen = chosen_ids(correct)
    for token in response_tokens(correct) - theirs:
        for label in labels.find(token):
            key |= forms_of(label.text) | ({label.sentence} if label.sentence else set())
        if token in values and token in chosen:  # a value the key chooses, not a part's name
            key |= forms_of(values[token])
    for part in result.parts:
        if part.expected is not None:
            key |= forms_of(qt.expected_text(public, part.expected))
    return allowed, key


def chosen_ids(response: Any) -> set[str]:
    """The ids a response chooses (its leaves), not the parts it names (its keys): an item
    and a category may share an id, and only the chosen category's label is the key."""
    if isinstance(response, str):
        return {response}
    if isinstance(response, dict):
        response = list(response.values())
    if isinstance(response, list):
        return set().union(*(chosen_ids(child) for child in response))
    return set()


def residue(text: str, allowed: set[str]) -> str:
    """The feedback's text without what it may say: the student's own parts and fixed words."""
    text = visible(text)
    for pattern in FIXED:  # first: a label of one letter would break the template's words
        text = pattern.sub(" ", text)
    for form in sorted(allowed, key=len, reverse=True):
        text = text.replace(form, " ")
    return visible(MARKS.sub(" ", text))


def leaks(html: str, qt, spec, raw, level: str = "standard") -> list[str]:
    parsed = FeedbackText()
    parsed.feed(html)
    allowed, key = oracle(qt, spec, raw, level)
    rest = residue("".join(parsed.feedback), allowed)
    found = sorted(form for form in key if form in rest)
    if SECRET in rest:
        found.append(f"an explanation: {rest!r}")
    page = residue("".join(parsed.page), allowed)
    if SECRET in page:
        found.append("an explanation outside the feedback")
    if "Answer:" in visible("".join(parsed.page)):
        found.append("an expected answer")
    return found


@pytest.mark.parametrize("key", registry.keys())
@PROPERTY
@given(
    data=st.data(),
    level=st.sampled_from([FeedbackLevel.FULL, FeedbackLevel.OUTCOMES]),
    reading=st.sampled_from(LEVELS),
)
def test_the_result_page_without_the_key_shows_nothing_of_it(key, data, level, reading):
    qt, spec, _ctx = data.draw(cases(key))
    raw = data.draw(responses(key, spec))
    html = render_result(qt, spec, raw, review(level), reading)
    assert leaks(html, qt, spec, raw, reading) == []
    if level == FeedbackLevel.OUTCOMES:
        parsed = FeedbackText()
        parsed.feed(html)
        assert residue("".join(parsed.feedback), set()) == ""  # the outcome, nothing more


@pytest.mark.parametrize("key", registry.keys())
@PROPERTY
@given(data=st.data(), reading=st.sampled_from(LEVELS))
def test_a_blank_answer_without_the_key_names_no_part_at_all(key, data, reading):
    qt, spec, _ctx = data.draw(cases(key))
    raw = qt.dump_response(qt.empty_response(spec))
    parsed = FeedbackText()
    parsed.feed(render_result(qt, spec, raw, review(FeedbackLevel.FULL), reading))
    assert residue("".join(parsed.feedback), set()) == ""


def test_an_item_sharing_its_id_with_a_category_does_not_make_that_category_the_key():
    """Found by Hypothesis: item "a00" belongs in category "a" ("0"); the category that is
    also called "a00" ("n") is no part of the key, and the page may show it as an option."""
    qt = registry.get("classify")
    spec = qt.parse_spec(
        {
            "categories": [
                {"id": "a", "label": "0"},
                {"id": "a0", "label": "0"},
                {"id": "a00", "label": "n"},
            ],
            "items": [
                {"id": "a", "text": "0", "category": "a"},
                {"id": "a0", "text": "0", "category": "a"},
                {"id": "a_", "text": "Aaaa baaa.", "category": "a"},
                {"id": "a00", "text": "0", "category": "a"},
            ],
        }
    )
    raw = {"answers": {"a": "a", "a_": "a"}}
    _allowed, key = oracle(qt, spec, raw)
    assert "n" not in key and "0" in key  # the unanswered items' labels are the key
    html = render_result(qt, spec, raw, review(FeedbackLevel.FULL))
    assert leaks(html, qt, spec, raw) == []


def test_the_check_finds_the_key_once_it_is_released():
    """The oracle is not blind: the same page with the key released names it."""
    qt = registry.get("multiple_choice")
    spec = qt.parse_spec(
        {
            "choices": [
                {"id": "a", "text": "Refugees", "correct": True, "feedback": SECRET + "why a"},
                {"id": "b", "text": "Soldiers", "correct": False},
                {"id": "c", "text": "Reporters", "correct": True},
            ]
        }
    )
    raw = {"choices": ["b"]}
    withheld = render_result(qt, spec, raw, review(FeedbackLevel.FULL))
    released = render_result(qt, spec, raw, review(FeedbackLevel.SCORE, key=True))
    assert leaks(withheld, qt, spec, raw) == []
    assert {"Refugees", "Reporters", "an expected answer"} <= set(leaks(released, qt, spec, raw))


def test_a_pick_of_ones_own_is_explained_in_simpler_words_and_nothing_else_is():
    """The oracle is not blind at the simpler level: the page reads the simpler text of a right
    pick (allowed), and the released key shows the simpler text of the choice not picked."""
    qt = registry.get("multiple_choice")
    spec = qt.parse_spec(
        {
            "choices": [
                {"id": "a", "text": "Refugees", "correct": True, "feedback": SECRET + "why a"},
                {"id": "b", "text": "Soldiers", "correct": False},
                {"id": "c", "text": "Reporters", "correct": True, "feedback": SECRET + "why c"},
            ]
        }
    )
    raw = {"choices": ["a", "b"]}
    withheld = render_result(qt, spec, raw, review(FeedbackLevel.FULL), "simpler")
    page = visible(strip_tags(withheld))
    assert SIMPLER + SECRET + "why a" in page
    assert "why c" not in page
    assert leaks(withheld, qt, spec, raw, "simpler") == []


def test_an_explanation_of_ones_own_right_answer_may_hold_a_dash():
    """Found by Hypothesis (seed 14): the oracle took the block's dash mark out of the
    student's own explanation before it recognised the explanation as theirs."""
    qt = registry.get("true_false")
    spec = qt.parse_spec({"answer": False, "feedback_false": SECRET + "—"})
    raw = {"answer": False}
    html = render_result(qt, spec, raw, review(FeedbackLevel.FULL))
    assert SECRET + "—" in visible(strip_tags(html))
    assert leaks(html, qt, spec, raw) == []
    other = {"answer": True}  # wrong: the explanation of the right answer is the key
    assert SECRET not in visible(
        strip_tags(render_result(qt, spec, other, review(FeedbackLevel.FULL)))
    )
