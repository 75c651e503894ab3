"""Moodle XML out and in: every question type of the example lesson is exported, the export is
read by a third-party parser (moodle-xml-parser, from PyPI), and read back by our importer."""

import contextlib
import io
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from moodle_xml_parser.parser import parse_string

from exchange.errors import ExchangeError
from exchange.items import items_of
from exchange.moodle.reading import bank_read
from exchange.services import quiz_export_moodle, quiz_import_moodle
from quizzes.models import Question
from quizzes.services import attempt_start, attempt_submit, responses_save
from quizzes.types import registry


@pytest.fixture
def questions(example_lesson) -> list[Question]:
    """Every current question of the example lesson: one or more of each type."""
    return list(Question.objects.filter(lesson=example_lesson, is_current=True).order_by("pk"))


def third_party_parse(xml: bytes) -> dict:
    """moodle-xml-parser prints, and skips, a question it cannot read: a test must see that."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        parsed = parse_string(xml.decode())
    assert printed.getvalue() == "", printed.getvalue()
    return parsed


def test_the_example_lesson_covers_every_question_type(questions):
    assert {q.type for q in questions} == set(registry.keys())


def test_every_choice_question_is_read_by_the_third_party_parser(example_lesson, questions):
    xml = quiz_export_moodle(lesson=example_lesson, questions=questions)
    parsed = third_party_parse(xml)

    choice_items = [i for q in questions for i in items_of(q) if i.kind == "choice"]
    assert [q.name for q in parsed["multichoice"]] == [i.key for i in choice_items]
    for question, item in zip(parsed["multichoice"], choice_items, strict=True):
        assert question.single is item.single
        assert question.text_pre_parse.strip() == item.prompt.strip()
        assert [o.answer for o in question.options] == [a.text for a in item.answers]
        assert [Fraction(str(o.score_fraction)) for o in question.options] == [
            round(a.fraction * 100, 5) for a in item.answers
        ]
        assert Decimal(str(question.default_grade)) == Decimal(item.points.numerator) / Decimal(
            item.points.denominator
        )


def test_a_multiple_choice_key_keeps_right_minus_wrong(example_lesson):
    question = Question.objects.filter(lesson=example_lesson, type="multiple_choice").first()
    [item] = items_of(question)
    right = sum(1 for c in question.spec["choices"] if c.get("correct"))

    assert sum(a.fraction for a in item.answers if a.fraction > 0) == 1
    assert all(a.fraction == -Fraction(1, right) for a in item.answers if a.fraction < 0)


ONE_TO_ONE = {"single_choice", "multiple_choice", "true_false", "short_text", "numeric", "match"}


def comparable(type_: str, spec: dict):
    """A spec without its ids (regenerated on import), for comparison."""
    if type_ in ("single_choice", "multiple_choice"):
        return [
            (c["text"], c.get("correct", False), c.get("feedback", "")) for c in spec["choices"]
        ]
    if type_ == "true_false":
        return (spec["answer"], spec.get("feedback_true", ""), spec.get("feedback_false", ""))
    if type_ == "short_text":
        return (spec["accepted"], spec.get("case_sensitive", False))
    if type_ == "numeric":
        from quizzes.types.numeric import NumericSpec

        parsed = NumericSpec.model_validate(spec)
        return (Decimal(parsed.answer), parsed.window())
    if type_ == "match":
        prompts = {p["id"]: p["text"] for p in spec["prompts"]}
        options = {o["id"]: o["text"] for o in spec["options"]}
        return sorted((prompts[p], options[o]) for p, o in spec["key"].items())
    raise AssertionError(type_)


def test_types_moodle_can_express_come_back_unchanged(example_lesson, questions):
    drafts = bank_read(quiz_export_moodle(lesson=example_lesson, questions=questions))
    by_name = {d.name: d for d in drafts}

    checked = 0
    for question in questions:
        if question.type not in ONE_TO_ONE:
            continue
        draft = by_name[question.key]
        assert draft.type == question.type
        assert draft.prompt == question.prompt.strip()
        assert draft.points == question.points
        assert comparable(draft.type, draft.spec) == comparable(question.type, question.spec)
        checked += 1
    assert checked == sum(q.type in ONE_TO_ONE for q in questions) > 0


@pytest.mark.parametrize(
    ("source_type", "imported_as"),
    [
        ("classify", {"match"}),
        ("matrix", {"match"}),
        ("order", {"match"}),
        ("free_text", {"free_text"}),
        ("select", {"multiple_choice"}),
        ("two_part", {"single_choice", "multiple_choice"}),
    ],
)
def test_downgraded_types_still_come_back_as_their_nearest_type(
    example_lesson, questions, source_type, imported_as
):
    chosen = [q for q in questions if q.type == source_type]
    drafts = bank_read(quiz_export_moodle(lesson=example_lesson, questions=chosen))

    assert {d.type for d in drafts} <= imported_as
    assert {d.type for d in drafts} & imported_as
    assert all(i.downgrade for q in chosen for i in items_of(q))


# A bank as Moodle writes it (HTML texts, a category, a distractor in the matching).
BANK = (Path(__file__).resolve().parents[1] / "fixtures" / "moodle" / "bank.xml").read_bytes()


def test_a_moodle_bank_is_appended_to_the_lessons_quiz_and_can_be_taken(example_lesson, student):
    last = Question.objects.filter(lesson=example_lesson, step__kind="quiz").order_by("position")
    end = last.last().position

    created = quiz_import_moodle(lesson=example_lesson, data=BANK)

    assert [q.type for q in created] == ["single_choice", "true_false", "match"]
    assert [q.key for q in created] == ["moodle-who-wrote-it", "moodle-printed", "moodle-pairs"]
    assert created[0].prompt == "Who wrote the notice?" and created[0].points == 2
    assert [q.position for q in created] == [end + 1, end + 2, end + 3]
    assert len(created[2].spec["options"]) == 3  # the distractor stays an option
    attempt = attempt_start(student=student, lesson=example_lesson)
    assert {q.pk for q in created} <= set(attempt.item_order)
    answers = {}
    for question in created:
        qt = registry.get(question.type)
        answers[question.pk] = qt.dump_response(qt.correct_response(qt.parse_spec(question.spec)))
    responses_save(attempt=attempt, answers=answers)
    attempt = attempt_submit(attempt=attempt)
    scores = {s.question_id: s.points_earned for s in attempt.scores.all()}
    assert [scores[q.pk] for q in created] == [2, 1, 1]


def test_an_imported_bank_keeps_keys_unique(example_lesson):
    first = quiz_import_moodle(lesson=example_lesson, data=BANK)
    second = quiz_import_moodle(lesson=example_lesson, data=BANK)

    assert [q.key for q in second] == [f"{q.key}-2" for q in first]


@pytest.mark.parametrize(
    ("bank", "says"),
    [
        (b"<quiz><question type='cloze'><name><text>Gaps</text></name></question></quiz>",
         "'cloze' cannot be imported"),
        (b"<quiz><question", "not well-formed"),
        (b"<lessons/>", "not a Moodle XML question bank"),
        (b"<quiz/>", "holds no question"),
        (b'<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY x "y">]><quiz>&x;</quiz>', "DOCTYPE"),
        (BANK.replace(b"<defaultgrade>2.0000000", b"<defaultgrade>2.5"), "whole number"),
        (BANK.replace(b'fraction="100" format="html"><text>The clerk',
                      b'fraction="0" format="html"><text>The clerk'),
         "at least one choice must be correct"),
    ],
)  # fmt: skip
def test_a_bank_that_cannot_be_read_is_refused_whole_with_the_reason(example_lesson, bank, says):
    before = Question.objects.count()

    with pytest.raises(ExchangeError) as refused:
        quiz_import_moodle(lesson=example_lesson, data=bank)

    assert says in refused.value.message
    assert Question.objects.count() == before


def test_every_problem_of_a_bank_is_listed_at_once(example_lesson):
    bank = b"""<quiz>
      <question type="cloze"><name><text>One</text></name></question>
      <question type="ddwtos"><name><text>Two</text></name></question>
    </quiz>"""

    with pytest.raises(ExchangeError) as refused:
        quiz_import_moodle(lesson=example_lesson, data=bank)

    assert len(refused.value.problems) == 2
    assert "question 2 ('Two')" in refused.value.problems[1]
