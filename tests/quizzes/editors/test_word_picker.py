"""The word picker of a select's key (unit: word): the editor draws every word of the shown
sentences as a button carrying the graders' offsets, keeps the span rows as the one thing the
form posts, and offers a blank row for the picker's script to copy."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from quizzes.editors import item_editor
from quizzes.types.text import word_spans

from .formdata import form_data

SENTENCES = {
    "s1": "The town was shelled for weeks.",
    "s2": "\u201cNagorno-Karabakh\u2019s 6,300 people,\u201d they said.",
    "s3": "Reporters came later.",
}
ITEM = {
    "id": "q-words",
    "type": "select",
    "prompt": "Select the words that say how long.",
    "skills": ["close_reading"],
    "spec": {"unit": "word", "key": [{"sentence": "s1", "text": "for weeks"}]},
}


class _Words(HTMLParser):
    """(sentence, start, end, text) of each word button, and the sentences drawn hidden."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[tuple[str, int, int, str]] = []
        self.hidden: set[str] = set()
        self._sentence = ""
        self._open: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if "data-picker-sentence" in a:
            self._sentence = a["data-picker-sentence"]
            if "hidden" in a:
                self.hidden.add(self._sentence)
        elif tag == "button" and "data-n" in a:
            self._open = a

    def handle_data(self, data):
        if self._open is not None:
            start, end = int(self._open["data-start"]), int(self._open["data-end"])
            self.words.append((self._sentence, start, end, data))
            self._open = None


def words_drawn(html: str) -> _Words:
    parser = _Words()
    parser.feed(html)
    return parser


def editor(item=ITEM, **kwargs):
    return item_editor("select", spec=item, sentences=SENTENCES, **kwargs)


def test_every_word_is_a_button_at_the_offsets_the_grader_splits_by():
    drawn = words_drawn(editor().render()).words
    expected = [
        (sid, start, end, text[start:end])
        for sid, text in SENTENCES.items()
        for start, end in word_spans(text)
    ]
    assert drawn == expected
    assert ("s2", 1, 19, "Nagorno-Karabakh\u2019s") in drawn


def test_the_picker_starts_hidden_and_unpressed_so_that_without_javascript_only_rows_show():
    html = editor().render()
    assert re.search(r"data-word-picker[^>]*\shidden>", html)
    assert 'aria-pressed="true"' not in html  # the script presses the words of the rows


def test_sentences_outside_within_are_drawn_hidden():
    item = {**ITEM, "spec": {**ITEM["spec"], "within": ["s1", "s3"]}}
    assert words_drawn(editor(item).render()).hidden == {"s2"}
    assert words_drawn(editor().render()).hidden == set()


def test_a_sentence_key_has_no_word_picker():
    item = {**ITEM, "spec": {"unit": "sentence", "key": ["s1"]}}
    html = editor(item).render()
    assert "data-word-picker" not in html
    assert "data-picker-row" not in html


def test_the_blank_row_for_the_script_is_numbered_by_placeholders_and_never_posted():
    html = editor().render()
    template = re.search(r"<template data-picker-row>(.*?)</template>", html, re.S).group(1)
    assert 'name="q-spec-key-__row__-sentence"' in template
    assert 'name="q-spec-key-__row__-text"' in template
    assert 'value="remove:spec.key.__row__"' in template
    assert "Key, row __n__" in template
    posted = item_editor("select", data=form_data(html), sentences=SENTENCES)
    assert posted.item() == ITEM
    assert posted.is_valid(), posted.errors


def test_the_rows_are_named_after_the_key():
    html = editor().render()
    assert '<legend class="fs-6 fw-semibold">Key</legend>' in html
    assert "Add a row to “Key”" in html


def test_a_row_is_added_to_a_word_key_without_javascript():
    data = form_data(editor().render(), press=("q--action", "add:spec.key"))
    added = item_editor("select", data=data, sentences=SENTENCES)
    assert added.acted
    assert added.item()["spec"]["key"] == [
        {"sentence": "s1", "text": "for weeks"},
        {"sentence": "", "text": ""},
    ]
    data = form_data(added.render())
    data["q-spec-key-1-sentence"] = "s3"
    data["q-spec-key-1-text"] = "came later"
    filled = item_editor("select", data=data, sentences=SENTENCES)
    assert filled.item()["spec"]["key"][1] == {"sentence": "s3", "text": "came later"}
    assert filled.is_valid(), filled.errors
