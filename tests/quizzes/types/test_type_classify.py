from fractions import Fraction

import pytest
from pydantic import ValidationError

from quizzes.types import Context, ResponseError, SpecError, registry

qt = registry.get("classify")

CTX = Context(
    sentences={
        "s1": "Khojaly was a town of some 6,300 people.",
        "s2": "The event became the largest single massacre of the conflict.",
        "s3": "It was defended by about 160 lightly armed men, who were heroes.",
    },
    source_ids=frozenset({"hrw-1992", "dewaal-2003"}),
)

RAW = {
    "categories": [
        {"id": "fact", "label": "Verifiable fact"},
        {"id": "claim", "label": "Contested claim"},
        {"id": "opinion", "label": "Opinion"},
    ],
    "items": [
        {"id": "pop", "sentence": "s1", "category": "fact", "sources": ["dewaal-2003"]},
        {"id": "largest", "sentence": "s2", "category": "claim", "explanation": "Scale."},
        {"id": "heroes", "sentence": "s3", "text": "who were heroes", "category": "opinion"},
        {"id": "own", "text": "Armenian forces took the town.", "category": "fact"},
    ],
}
SPEC = qt.prepare(qt.parse_spec(RAW), CTX)


def test_prepare_copies_a_whole_sentence_into_an_item_given_only_its_id():
    texts = {i.id: i.text for i in SPEC.items}
    assert texts["pop"] == "Khojaly was a town of some 6,300 people."
    assert texts["heroes"] == "who were heroes"  # part of a sentence: kept as written
    assert texts["own"] == "Armenian forces took the town."


def test_prepare_is_idempotent_and_the_prepared_spec_round_trips():
    assert qt.prepare(SPEC, CTX) == SPEC
    assert qt.parse_spec(qt.dump_spec(SPEC)) == SPEC


@pytest.mark.parametrize(
    ("answers", "fraction"),
    [
        ({"pop": "fact", "largest": "claim", "heroes": "opinion", "own": "fact"}, Fraction(1)),
        ({"pop": "fact", "largest": "fact", "heroes": "opinion", "own": "fact"}, Fraction(3, 4)),
        ({"pop": "fact"}, Fraction(1, 4)),  # unanswered items earn nothing
        ({}, Fraction(0)),
    ],
)
def test_each_item_earns_an_equal_share(answers, fraction):
    assert qt.grade(SPEC, {"answers": answers}).fraction == fraction


def test_every_item_gets_its_explanation_and_the_right_category():
    result = qt.grade(SPEC, {"answers": {"largest": "fact"}})
    largest = next(p for p in result.parts if p.id == "largest")
    assert largest.correct is False
    assert largest.feedback == "Scale."
    assert largest.expected == "Contested claim"


def test_complete_only_when_every_item_is_answered():
    assert not qt.is_complete(SPEC, {"answers": {"pop": "fact"}})
    assert qt.is_complete(SPEC, qt.correct_response(SPEC))


@pytest.mark.parametrize(
    "answers", [{"nope": "fact"}, {"pop": "nope"}, {"pop": ["fact"]}, {"pop": 1}]
)
def test_unknown_items_or_categories_are_response_errors(answers):
    with pytest.raises(ResponseError):
        qt.parse_response({"answers": answers}, SPEC)


def test_check_reports_each_bad_reference_at_its_path():
    raw = {
        **RAW,
        "items": [
            {"id": "a", "sentence": "s9", "category": "fact"},
            {"id": "b", "sentence": "s3", "text": "were villains", "category": "fact"},
            {"id": "c", "sentence": "s1", "text": "o", "category": "fact"},
            {"id": "d", "text": "Own words.", "category": "fact", "sources": ["hrw-1992", "x"]},
        ],
    }
    assert qt.check(qt.parse_spec(raw), CTX) == [
        (("items", 0, "sentence"), "unknown sentence 's9' (the document has s1 to s3)"),
        (("items", 1, "text"), "text does not occur in sentence 's3'"),
        (("items", 2, "text"), "text occurs 5 times in sentence 's1'; quote more words"),
        (("items", 3, "sources", 1), "unknown source 'x'"),
    ]


def test_prepare_refuses_a_spec_that_check_rejects():
    spec = qt.parse_spec({**RAW, "items": [{"id": "a", "sentence": "s9", "category": "fact"}]})
    with pytest.raises(SpecError, match="unknown sentence 's9'"):
        qt.prepare(spec, CTX)


def test_a_span_is_another_way_to_write_sentence_and_text():
    raw = {
        **RAW,
        "items": [{"id": "h", "span": {"sentence": "s3", "text": "heroes"}, "category": "fact"}],
    }
    item = qt.parse_spec(raw).items[0]
    assert (item.sentence, item.text) == ("s3", "heroes")


def test_every_semantic_spec_error_is_reported_at_its_own_path():
    raw = {
        **RAW,
        "items": [
            {"id": "a", "text": "A", "category": "fact"},
            {"id": "a", "text": "B", "category": "belief"},
        ],
    }
    with pytest.raises(ValidationError) as caught:
        qt.parse_spec(raw)
    assert [(e["loc"], e["msg"]) for e in caught.value.errors()] == [
        (("items", 1, "id"), "duplicate id 'a'"),
        (("items", 1, "category"), "unknown category 'belief'"),
    ]


def test_an_item_without_text_or_sentence_is_refused():
    with pytest.raises(ValidationError) as caught:
        qt.parse_spec({**RAW, "items": [{"id": "c", "category": "fact"}]})
    assert caught.value.errors()[0]["loc"] == ("items", 0)


def test_an_item_id_that_would_clash_with_template_lookups_is_refused():
    raw = {**RAW, "items": [{"id": "items", "text": "A", "category": "fact"}]}
    with pytest.raises(ValidationError) as caught:
        qt.parse_spec(raw)
    assert caught.value.errors()[0]["loc"] == ("items", 0, "id")


def test_public_spec_hides_categories_explanations_and_sources():
    public = qt.public_spec(SPEC)
    assert set(public["items"][0]) == {"id", "text", "sentence"}
