"""The order a student sees a question's choices in (`selectors.public_spec_for`): shuffled per
attempt when the quiz shuffles, else in an order drawn once per question version, and in the
author's order only for a `fixed_order` question. Pure tables: questions are unsaved rows."""

import random

import pytest

from quizzes.models import Question
from quizzes.selectors import public_spec_for
from quizzes.types import registry

LETTERS = "abcdefgh"
CHOICES = [{"id": c, "text": c.upper(), "correct": c == "a"} for c in LETTERS]
SPEC = {"choices": CHOICES}
AUTHOR_ORDER = list(LETTERS)
SINGLE = registry.get("single_choice")


def question(*, pk=1, order_seed=7, fixed_order=False, type_="single_choice", spec=SPEC):
    return Question(pk=pk, type=type_, spec=spec, order_seed=order_seed, fixed_order=fixed_order)


def shown(q: Question, *, seed=0, shuffle=False, qt=SINGLE) -> list[str]:
    return [c["id"] for c in public_spec_for(q, qt, seed=seed, shuffle=shuffle)["choices"]]


@pytest.mark.parametrize(
    ("fixed_order", "shuffle", "same_for_every_attempt", "authors_order"),
    [
        (False, False, True, False),  # the version's own order: one for everyone
        (False, True, False, False),  # a new order for each attempt
        (True, False, True, True),  # the author's order, where order matters
        (True, True, True, True),  # shuffling never moves a fixed_order question
    ],
)
def test_which_order_a_student_sees(fixed_order, shuffle, same_for_every_attempt, authors_order):
    q = question(fixed_order=fixed_order)
    orders = {tuple(shown(q, seed=seed, shuffle=shuffle)) for seed in range(12)}
    assert (len(orders) == 1) is same_for_every_attempt
    assert all(sorted(order) == AUTHOR_ORDER for order in orders)
    assert (orders == {tuple(AUTHOR_ORDER)}) is authors_order


def test_a_reload_shows_the_same_order():
    for shuffle in (False, True):
        assert shown(question(), seed=5, shuffle=shuffle) == shown(
            question(), seed=5, shuffle=shuffle
        )


def test_the_unshuffled_order_follows_the_version_seed_not_the_attempt():
    assert shown(question(order_seed=7), seed=1) == shown(question(order_seed=7), seed=2)
    orders = {tuple(shown(question(order_seed=s))) for s in range(12)}
    assert len(orders) > 1  # each question version draws its own


def test_the_unshuffled_order_does_not_depend_on_the_row_id():
    # A new version (a new row) keeps its predecessor's seed, hence its order.
    assert shown(question(pk=1, order_seed=7)) == shown(question(pk=99, order_seed=7))


def test_the_key_moves_about_across_question_versions():
    """Over many questions written with the right answer first, the unshuffled order puts it
    in every position: the author's habit tells a student nothing."""
    positions = {shown(question(order_seed=s)).index("a") for s in range(200)}
    assert positions == set(range(len(LETTERS)))


@pytest.mark.parametrize(
    ("type_", "spec", "lists"),
    [
        ("single_choice", SPEC, [("choices",)]),
        ("multiple_choice", SPEC, [("choices",)]),
        (
            "match",
            {
                "prompts": [{"id": "p", "text": "P"}],
                "options": [{"id": c, "text": c} for c in LETTERS],
                "key": {"p": "a"},
            },
            [("options",)],
        ),
        (
            "two_part",
            {
                "part_a": {"prompt": "Claim?", "spec": SPEC},
                "part_b": {"prompt": "Evidence?", "type": "multiple_choice", "spec": SPEC},
            },
            [("part_a", "spec", "choices"), ("part_b", "spec", "choices")],
        ),
    ],
)
def test_every_list_whose_order_means_nothing_is_reordered(type_, spec, lists):
    qt = registry.get(type_)
    assert qt.shuffles

    def at(public, path):
        for key in path:
            public = public[key]
        return [entry["id"] for entry in public]

    written = qt.public_spec(qt.parse_spec(spec))
    for path in lists:
        orders = {
            tuple(at(public_spec_for(q, qt, seed=0, shuffle=False), path))
            for q in (question(type_=type_, spec=spec, order_seed=s) for s in range(12))
        }
        assert len(orders) > 1, path
        assert all(sorted(order) == sorted(at(written, path)) for order in orders)
    fixed = public_spec_for(
        question(type_=type_, spec=spec, fixed_order=True), qt, seed=3, shuffle=True
    )
    assert fixed == written


def test_a_two_part_select_keeps_the_document_order():
    qt = registry.get("two_part")
    public = {
        "part_a": {"prompt": "A", "spec": {"choices": [{"id": "x"}, {"id": "y"}]}},
        "part_b": {
            "prompt": "B",
            "type": "select",
            "spec": {"sentences": [{"id": "s1", "options": [{"id": "s1"}]}, {"id": "s2"}]},
        },
    }
    before = public["part_b"]["spec"]["sentences"][:]
    for seed in range(8):
        qt.shuffle(public, random.Random(seed))
        assert public["part_b"]["spec"]["sentences"] == before


SHUFFLING_TYPES = {"single_choice", "multiple_choice", "match", "two_part"}


@pytest.mark.parametrize("type_", registry.keys())
def test_which_types_have_an_order_to_fix(type_):
    assert registry.get(type_).shuffles is (type_ in SHUFFLING_TYPES)


def choices(*correct: bool) -> dict:
    return {
        "choices": [
            {"id": f"c{n}", "text": f"C{n}", "correct": right} for n, right in enumerate(correct)
        ]
    }


KEY_POSITIONS = [
    ("single_choice", choices(False, True), 1),
    ("single_choice", SPEC, 0),
    ("multiple_choice", choices(False, True, True), 1),  # the first right choice
    (
        "two_part",
        {
            "part_a": {"prompt": "A", "spec": choices(False, False, True)},
            "part_b": {"prompt": "B", "type": "multiple_choice", "spec": SPEC},
        },
        2,  # part A's claim
    ),
    ("true_false", {"answer": True}, None),
    ("order", {"items": [{"id": "x", "text": "X"}, {"id": "y", "text": "Y"}]}, None),
    (
        "match",
        {
            "prompts": [{"id": "p", "text": "P"}],
            "options": [{"id": "x", "text": "X"}, {"id": "y", "text": "Y"}],
            "key": {"p": "x"},
        },
        None,  # options are reordered, but a position does not answer a prompt
    ),
]


@pytest.mark.parametrize(("type_", "spec", "position"), KEY_POSITIONS)
def test_the_key_position_in_the_authors_order(type_, spec, position):
    qt = registry.get(type_)
    assert qt.key_position(qt.parse_spec(spec)) == position
