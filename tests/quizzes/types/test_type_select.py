from fractions import Fraction

import pytest
from pydantic import ValidationError

from quizzes.types import Context, ResponseError, SpecError, registry
from quizzes.types.text import word_spans

qt = registry.get("select")

CTX = Context(
    sentences={
        "s1": "The Land of Fire",
        "s2": "Khojaly was a town of some 6,300 people.",
        "s3": "Armenian forces fired upon the fleeing refugees.",
        "s4": "It was the most brutal, heinous crime of the Nagorno-Karabakh war.",
        "s5": "The world must recognise this genocide.",
        "s6": "Human Rights Watch counted 161 civilian deaths.",
    }
)


def sentences(**extra):
    raw = {"unit": "sentence", "within": ["s2", "s3", "s4", "s5", "s6"], "key": ["s4", "s5"]}
    return qt.prepare(qt.parse_spec(raw | extra), CTX)


def words(**extra):
    raw = {
        "unit": "word",
        "within": ["s4", "s5"],
        "key": [
            {"sentence": "s4", "text": "brutal"},
            {"sentence": "s4", "text": "heinous crime"},
            {"sentence": "s5", "text": "genocide"},
        ],
    }
    return qt.prepare(qt.parse_spec(raw | extra), CTX)


# --- sentences ---------------------------------------------------------------------------


def test_sentence_options_are_the_sentences_of_the_region_in_document_order():
    spec = sentences()
    assert [(o.id, o.text) for o in spec.options][:2] == [
        ("s2", "Khojaly was a town of some 6,300 people."),
        ("s3", "Armenian forces fired upon the fleeing refugees."),
    ]
    assert spec.key_groups == [["s4"], ["s5"]]


def test_without_within_the_region_is_the_whole_document():
    spec = qt.prepare(qt.parse_spec({"unit": "sentence", "key": ["s4"]}), CTX)
    assert [o.id for o in spec.options] == ["s1", "s2", "s3", "s4", "s5", "s6"]


@pytest.mark.parametrize(
    ("selected", "fraction"),
    [
        (["s4", "s5"], Fraction(1)),
        (["s4"], Fraction(1, 2)),
        (["s4", "s5", "s2"], Fraction(1, 2)),  # (2 hits - 1 wrong) / 2 groups
        (["s4", "s2"], Fraction(0)),
        (["s2", "s3"], Fraction(0)),
        ([], Fraction(0)),
    ],
)
def test_sentence_score_is_key_sentences_hit_minus_wrong_picks(selected, fraction):
    assert qt.grade(sentences(), {"selected": selected}).fraction == fraction


def test_selecting_every_sentence_does_not_score_full_marks():
    spec = sentences()
    everything = [o.id for o in spec.options]  # 2 key sentences, 3 wrong ones
    assert qt.grade(spec, {"selected": everything}).fraction == 0


def test_selecting_every_sentence_scores_the_margin_when_wrong_options_are_few():
    spec = qt.prepare(
        qt.parse_spec({"unit": "sentence", "within": ["s2", "s3", "s4"], "key": ["s2", "s3"]}),
        CTX,
    )
    assert qt.grade(spec, {"selected": ["s2", "s3", "s4"]}).fraction == Fraction(1, 2)


def test_feedback_on_a_selected_sentence_is_shown_on_its_part():
    spec = sentences(feedback={"s2": "A figure you can check.", "s4": "Loaded words."})
    result = qt.grade(spec, {"selected": ["s2"]})
    by_id = {p.id: p for p in result.parts}
    assert by_id["s2"].feedback == "A figure you can check."
    assert by_id["s4"].feedback == ""  # not selected: its feedback would reveal the key
    assert by_id["s4"].expected == CTX.sentences["s4"]


# --- words ---------------------------------------------------------------------------------


def test_words_are_letter_and_digit_runs_with_inner_hyphens_and_apostrophes():
    text = "The region's 366th regiment \u2014 Nagorno-Karabakh, 6,300 people; don\u2019t."
    assert [text[a:b] for a, b in word_spans(text)] == [
        "The", "region's", "366th", "regiment", "Nagorno-Karabakh",
        "6", "300", "people", "don\u2019t",
    ]  # fmt: skip


def test_word_options_are_numbered_per_sentence_and_keep_the_text_between_them():
    spec = words()
    s4 = [o for o in spec.options if o.sentence == "s4"]
    assert [o.id for o in s4][:3] == ["s4.w1", "s4.w2", "s4.w3"]
    assert "".join(o.before + o.text + o.after for o in s4) == CTX.sentences["s4"]


def test_each_key_phrase_becomes_a_group_of_its_word_ids():
    # "It was the most brutal, heinous crime of ..." -> brutal is word 5, "heinous crime" 6-7.
    assert words().key_groups == [["s4.w5"], ["s4.w6", "s4.w7"], ["s5.w6"]]


@pytest.mark.parametrize(
    ("selected", "fraction"),
    [
        (["s4.w5", "s4.w6", "s4.w7", "s5.w6"], Fraction(1)),
        (["s4.w5", "s4.w7", "s5.w6"], Fraction(1)),  # any word of a phrase hits it
        (["s4.w5", "s4.w6"], Fraction(2, 3)),
        (["s4.w5", "s4.w6", "s5.w6", "s4.w1"], Fraction(2, 3)),
        (["s4.w5", "s4.w1", "s4.w2"], Fraction(0)),
    ],
)
def test_word_score_counts_phrases_hit_minus_wrong_words(selected, fraction):
    assert qt.grade(words(), {"selected": selected}).fraction == fraction


def test_selecting_every_word_does_not_score_full_marks():
    spec = words()
    assert qt.grade(spec, {"selected": [o.id for o in spec.options]}).fraction == 0


def test_a_missed_phrase_shows_its_words_as_expected():
    result = qt.grade(words(), {"selected": []})
    assert [p.expected for p in result.parts] == ["brutal", "heinous crime", "genocide"]


def test_feedback_by_sentence_is_shown_once_when_any_of_its_words_is_selected():
    spec = words(feedback={"s5": "A legal term.", "s4.w5": "Loaded."})
    result = qt.grade(spec, {"selected": ["s5.w1", "s5.w2", "s4.w5"]})
    assert result.feedback == ("A legal term.",)
    assert next(p for p in result.parts if p.id == "s4.w5").feedback == "Loaded."


# --- limits and errors ---------------------------------------------------------------------


def test_selecting_more_than_max_is_a_response_error():
    spec = sentences(max=2)
    with pytest.raises(ResponseError, match="at most 2"):
        qt.parse_response({"selected": ["s2", "s3", "s4"]}, spec)


def test_complete_once_min_options_are_selected():
    spec = sentences(min=2)
    assert not qt.is_complete(spec, {"selected": ["s2"]})
    assert qt.is_complete(spec, {"selected": ["s2", "s3"]})


@pytest.mark.parametrize("selected", [["s1"], ["s2", "s2"], ["s4.w1"], [None], "s2"])
def test_unknown_repeated_or_misshapen_selections_are_response_errors(selected):
    with pytest.raises(ResponseError):
        qt.parse_response({"selected": selected}, sentences())


def test_check_reports_references_outside_the_document_or_the_region():
    spec = qt.parse_spec(
        {
            "unit": "word",
            "within": ["s4", "s9"],
            "key": [
                {"sentence": "s5", "text": "genocide"},
                {"sentence": "s4", "text": "the"},
                {"sentence": "s4", "text": "bloody"},
                {"sentence": "s4", "text": ", "},
            ],
            "feedback": {"s4.w99": "?"},
        }
    )
    assert qt.check(spec, CTX) == [
        (("within", 1), "unknown sentence 's9' (the document has s1 to s6)"),
        (("key", 0, "sentence"), "sentence 's5' is not in `within`"),
        (("key", 1, "text"), "text occurs 2 times in sentence 's4'; quote more words"),
        (("key", 2, "text"), "text does not occur in sentence 's4'"),
        (("key", 3, "text"), "contains no word"),
        (("feedback", "s4.w99"), "unknown option or sentence 's4.w99'"),
    ]


def test_check_refuses_a_key_that_covers_every_option():
    spec = qt.parse_spec({"unit": "sentence", "within": ["s2"], "key": ["s2"]})
    assert qt.check(spec, CTX) == [
        (("key",), "every option is in the key, so selecting everything scores full marks")
    ]


def test_check_refuses_a_max_below_the_number_of_words_in_the_key():
    spec = qt.parse_spec(
        {
            "unit": "word",
            "within": ["s4"],
            "key": [{"sentence": "s4", "text": "heinous crime"}],
            "max": 1,
        }
    )
    assert qt.check(spec, CTX) == [(("max",), "max is below the 2 options of the key")]


def test_check_refuses_overlapping_key_phrases():
    spec = qt.parse_spec(
        {
            "unit": "word",
            "within": ["s4"],
            "key": [
                {"sentence": "s4", "text": "heinous"},
                {"sentence": "s4", "text": "heinous crime"},
            ],
        }
    )
    assert qt.check(spec, CTX) == [(("key", 1, "text"), "overlaps another key entry")]


@pytest.mark.parametrize(
    ("raw", "loc"),
    [
        ({"unit": "word", "key": ["s4"]}, ("key",)),
        ({"unit": "sentence", "key": [{"sentence": "s4", "text": "x"}]}, ("key",)),
        ({"unit": "sentence", "key": ["s4", "s4"]}, ("key", 1)),
        ({"unit": "sentence", "key": ["s4", "s5"], "max": 1}, ("max",)),
        ({"unit": "sentence", "key": ["s4"], "min": 2}, ("min",)),
        ({"unit": "paragraph", "key": ["s4"]}, ("unit",)),
    ],
)
def test_spec_errors_name_the_field(raw, loc):
    with pytest.raises(ValidationError) as caught:
        qt.parse_spec(raw)
    assert caught.value.errors()[0]["loc"] == loc


def test_grading_an_unprepared_spec_is_a_programming_error():
    with pytest.raises(SpecError, match="not prepared"):
        qt.grade(qt.parse_spec({"unit": "sentence", "key": ["s4"]}), {"selected": []})


def test_prepare_is_idempotent_and_the_prepared_spec_round_trips():
    for spec in (sentences(), words()):
        assert qt.prepare(spec, CTX) == spec
        assert qt.parse_spec(qt.dump_spec(spec)) == spec


def test_public_spec_groups_options_by_sentence_without_the_key_or_feedback():
    public = qt.public_spec(words(feedback={"s5": "A legal term."}))
    assert [s["id"] for s in public["sentences"]] == ["s4", "s5"]
    assert public["sentences"][1]["options"][0] == {
        "id": "s5.w1", "text": "The", "sentence": "s5", "before": "", "after": " ",
    }  # fmt: skip
    assert "options" not in public  # a flat list could be shuffled by the page
    assert "A legal term." not in str(public) and "key" not in str(public)
