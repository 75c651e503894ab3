"""Merging and splitting sentences writes the format's segmentation overrides, so the package's
own splitter (and so the validator and the loader) agrees with what the author sees."""

import pytest

from authoring.package.segment import split_sentences
from studio.errors import Code, StudioError
from studio.sentences import Overrides, merge_with_next, split_at, split_points

TEXT = "Mr. Harlow spoke first. He asks: who wrote it? Nobody knows.\n\nA new paragraph."


def texts(text, overrides):
    return [s.text for s in overrides.split(text)]


def test_the_draft_splits_exactly_as_the_package_splitter():
    assert Overrides().split(TEXT) == split_sentences(TEXT)


def test_merging_a_sentence_with_the_next_makes_one_sentence():
    before = texts(TEXT, Overrides())
    assert before[:2] == ["Mr.", "Harlow spoke first."]
    merged = merge_with_next(TEXT, Overrides(), "s1")
    assert merged.no_break_after == ("Mr.",)
    assert texts(TEXT, merged)[0] == "Mr. Harlow spoke first."
    assert len(texts(TEXT, merged)) == len(before) - 1


def test_sentences_in_different_paragraphs_cannot_be_merged():
    last_of_paragraph = Overrides().split(TEXT)[-2].id
    with pytest.raises(StudioError) as refused:
        merge_with_next(TEXT, Overrides(), last_of_paragraph)
    assert refused.value.code == Code.CANNOT_MERGE


def test_splitting_after_a_word_forces_a_break_there():
    sentences = Overrides().split(TEXT)
    asks = next(s for s in sentences if s.text.startswith("He asks"))
    point = next(p for p in split_points(asks) if p.word == "asks:")
    split = split_at(TEXT, Overrides(), asks.id, point.offset)
    assert split.break_after == ("He asks:",)
    assert "who wrote it?" in texts(TEXT, split)


def test_a_split_undoes_a_merge_and_a_merge_undoes_a_forced_split():
    sentences = Overrides().split(TEXT)
    asks = next(s for s in sentences if s.text.startswith("He asks"))
    offset = next(p.offset for p in split_points(asks) if p.word == "asks:")
    split = split_at(TEXT, Overrides(), asks.id, offset)
    head = next(s for s in split.split(TEXT) if s.text == "He asks:")
    merged = merge_with_next(TEXT, split, head.id)
    assert merged.break_after == ()
    assert texts(TEXT, merged) == texts(TEXT, Overrides())


def test_a_split_point_must_be_between_two_words():
    with pytest.raises(StudioError) as refused:
        split_at(TEXT, Overrides(), "s2", 3)
    assert refused.value.code == Code.CANNOT_SPLIT


def test_an_unknown_sentence_is_refused():
    with pytest.raises(StudioError) as refused:
        merge_with_next(TEXT, Overrides(), "s99")
    assert refused.value.code == Code.UNKNOWN_SENTENCE
