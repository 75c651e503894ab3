"""The sentence splitter, as tables (docs/lesson-format.md, "The main source")."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from authoring.package.segment import split_paragraphs, split_sentences

KHOJALY = Path(__file__).resolve().parents[2] / "seeds" / "khojaly" / "000_6ab0518984b04a2b.txt"


def texts(document: str, **overrides: list[str]) -> list[str]:
    return [s.text for s in split_sentences(document, **overrides)]


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("Is it? Yes! Fine.", ["Is it?", "Yes!", "Fine."]),
        # Only an upper-case letter, a digit or an opening quote starts a sentence.
        ("He was 3 yrs. old then.", ["He was 3 yrs. old then."]),
        ("It cost 3 vs. 4 dollars.", ["It cost 3 vs.", "4 dollars."]),
        ("Wait... then it came.", ["Wait... then it came."]),
        ("Wait... Then it came.", ["Wait...", "Then it came."]),
        ("In 1953. 250,000 left.", ["In 1953.", "250,000 left."]),
        ('He left. "Why?" she asked.', ["He left.", '"Why?" she asked.']),
        ("He left. \u201cWhy?\u201d she asked.", ["He left.", "\u201cWhy?\u201d she asked."]),
        # Closing quotes and brackets stay with the sentence they close.
        ('He said "stop." Then he went.', ['He said "stop."', "Then he went."]),
        ("(See below.) Next one.", ["(See below.)", "Next one."]),
        ("It rose 3.5 per cent. Then it fell.", ["It rose 3.5 per cent.", "Then it fell."]),
        # Punctuation with no white space after it never ends a sentence.
        ("Visit example.Com today.", ["Visit example.Com today."]),
        # A no-break space says "keep together".
        ("See No.\u00a05 for details.", ["See No.\u00a05 for details."]),
        ("A title without end punctuation", ["A title without end punctuation"]),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_splitter_breaks_after_end_punctuation_before_a_sentence_start(document, expected):
    assert texts(document) == expected


@pytest.mark.parametrize(
    ("document", "overrides", "expected"),
    [
        ("Mr. Harlow spoke.", {}, ["Mr.", "Harlow spoke."]),
        ("Mr. Harlow spoke.", {"no_break_after": ["Mr."]}, ["Mr. Harlow spoke."]),
        (
            "Mayor J. T. Harlow spoke.",
            {"no_break_after": ["J.", "T."]},
            ["Mayor J. T. Harlow spoke."],
        ),
        # A suppressed break elsewhere does not suppress this one.
        (
            "Mr. Harlow spoke. Mr. Kent left.",
            {"no_break_after": ["Mr."]},
            ["Mr. Harlow spoke.", "Mr. Kent left."],
        ),
        ("We ask: who wrote it?", {"break_after": ["ask:"]}, ["We ask:", "who wrote it?"]),
        ("one. two.", {"break_after": ["one."]}, ["one.", "two."]),
        # An explicit break wins over a suppressed one.
        ("Mr. Harlow.", {"no_break_after": ["Mr."], "break_after": ["Mr."]}, ["Mr.", "Harlow."]),
        # A forced break needs white space after it, and something to break before.
        ("Ends here:", {"break_after": ["here:"]}, ["Ends here:"]),
        ("a:b c", {"break_after": ["a:"]}, ["a:b c"]),
        ("x. y. x. z.", {"break_after": ["x."]}, ["x.", "y. x.", "z."]),
    ],
)
def test_overrides_suppress_or_force_breaks(document, overrides, expected):
    assert texts(document, **overrides) == expected


def test_paragraphs_are_separated_by_blank_or_white_space_only_lines():
    document = "Title\n\nFirst one. Second one.\n  \t\nThird\none.\r\n\r\nLast."
    assert split_paragraphs(document) == ["Title", "First one. Second one.", "Third\none.", "Last."]
    sentences = split_sentences(document)
    assert [(s.id, s.paragraph) for s in sentences] == [
        ("s1", 0),
        ("s2", 1),
        ("s3", 1),
        ("s4", 2),
        ("s5", 3),
    ]


def test_sentences_keep_the_white_space_that_followed_them():
    sentences = split_sentences("One.  Two.\nThree.\n\nFour.")
    assert [(s.text, s.space_after) for s in sentences] == [
        ("One.", "  "),
        ("Two.", "\n"),
        ("Three.", ""),
        ("Four.", ""),
    ]


def test_ids_number_sentences_across_paragraphs_in_document_order():
    sentences = split_sentences("A. B.\n\nC.\n\nD. E.")
    assert [s.id for s in sentences] == ["s1", "s2", "s3", "s4", "s5"]


# --- the Khojaly document's hard spots, quoted from it ------------------------------------


def test_khojaly_title_and_subtitle_are_one_sentence_each():
    document = (
        "The Land of Fire\n\nThe mass killing of Azerbaijani civilians by Armenian forces and "
        "the 366th CIS regiment in the town of Khojaly\n\nThe Khojaly massacre was the mass "
        "killing. The event became the largest single massacre."
    )
    assert [(s.id, s.paragraph) for s in split_sentences(document)] == [
        ("s1", 0),
        ("s2", 1),
        ("s3", 2),
        ("s4", 2),
    ]


def test_khojaly_closing_quote_after_the_full_stop_ends_the_paragraph_sentence():
    paragraph = (
        "Heydar Aliyev said in his speech addressed to the nation of Azerbaijan on the occasion "
        'of the 10th anniversary of Khojaly genocide: "This merciless and cruel genocide was the '
        'most dreadful mass terror act in the history of humankind."'
    )
    assert texts(f"The Khojaly genocide is one of the pages. {paragraph}") == [
        "The Khojaly genocide is one of the pages.",
        paragraph,
    ]


def test_khojaly_a_figure_glued_to_a_word_ends_a_sentence_before_a_figure():
    document = (
        "150,000 Azerbaijanis were deported from Armenia and placed in the Kur-Araz plain "
        "from1948-1953. 250,000 Azerbaijanis were forced from their historical territories "
        "in 1988 and Armenia became a mono-ethnical state."
    )
    assert texts(document) == [
        "150,000 Azerbaijanis were deported from Armenia and placed in the Kur-Araz plain "
        "from1948-1953.",
        "250,000 Azerbaijanis were forced from their historical territories in 1988 and "
        "Armenia became a mono-ethnical state.",
    ]


def test_khojaly_rhetorical_question_is_its_own_sentence():
    assert texts(
        "What was Armenians' purpose in Khojaly? On one hand that was the liquidation."
    ) == [
        "What was Armenians' purpose in Khojaly?",
        "On one hand that was the liquidation.",
    ]


def test_khojaly_dashes_and_a_missing_final_newline_do_not_split():
    document = (
        "The Khojaly genocide - the tragedy of the 20th century - was a result of this policy. "
        "International organizations must give political-legal appraisal of Khojaly genocide - "
        "millitary crime, commited by the Armenian Republic in the Azerbaijan territories."
    )
    assert len(texts(document)) == 2


@pytest.mark.skipif(not KHOJALY.is_file(), reason="the Khojaly package is not in this checkout")
def test_khojaly_document_splits_into_33_stable_sentences():
    sentences = split_sentences(KHOJALY.read_text(encoding="utf-8"))
    by_id = {s.id: s.text for s in sentences}
    assert len(sentences) == 33
    assert by_id["s1"] == "The Land of Fire"
    assert by_id["s13"].endswith('history of humankind."')
    assert by_id["s17"].endswith("from1948-1953.")
    assert by_id["s18"].startswith("250,000 Azerbaijanis")
    assert by_id["s24"] == "What was Armenians' purpose in Khojaly?"
    assert by_id["s33"].endswith("in the Azerbaijan territories.")


# --- properties ---------------------------------------------------------------------------

prose = st.text(alphabet=st.sampled_from(list("aZ1 .?!\"')\u201d\n\t\u00a0:-")), max_size=120)


@given(
    prose,
    st.lists(st.sampled_from(["a.", "Z.", ":", '."']), max_size=2),
    st.lists(st.sampled_from(["a.", "Z.", ":", "1"]), max_size=2),
)
def test_joining_sentences_with_their_white_space_rebuilds_every_paragraph(
    document, no_break_after, break_after
):
    sentences = split_sentences(document, no_break_after=no_break_after, break_after=break_after)
    paragraphs = split_paragraphs(document)
    rebuilt = ["" for _ in paragraphs]
    for sentence in sentences:
        rebuilt[sentence.paragraph] += sentence.text + sentence.space_after
    assert rebuilt == paragraphs
    assert [s.id for s in sentences] == [f"s{n}" for n in range(1, len(sentences) + 1)]
    for sentence in sentences:
        assert sentence.text
        assert sentence.text == sentence.text.strip()
        assert not sentence.space_after.strip()


def test_a_forced_break_takes_no_break_spaces_after_it_with_it():
    sentences = split_sentences("1 \u00a01", break_after=["1"])
    assert [(s.text, s.space_after) for s in sentences] == [("1", " \u00a0"), ("1", "")]
