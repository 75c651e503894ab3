"""The YAML loader that keeps lines: pure tables."""

from __future__ import annotations

import pytest

from authoring.package.yamlload import YamlSyntaxError, load_yaml

DOCUMENT = """\
title: A lesson
steps:
  - kind: context
    body: |
      First line.
      Second line [@x].
  - kind: quiz
    tags: [a, b]
"""


def test_every_key_and_item_keeps_its_line():
    lines = load_yaml(DOCUMENT).lines
    assert lines.line_of(("title",)) == 1
    assert lines.line_of(("steps", 0)) == 3
    assert lines.line_of(("steps", 1, "kind")) == 7
    assert lines.line_of(("steps", 1, "tags", 1)) == 8


def test_a_missing_key_takes_the_line_of_the_nearest_enclosing_one():
    lines = load_yaml(DOCUMENT).lines
    assert lines.line_of(("steps", 1, "title")) == 7
    assert lines.line_of(("nowhere",)) == 1


def test_offsets_in_a_literal_block_map_to_their_own_lines():
    loaded = load_yaml(DOCUMENT)
    body = loaded.data["steps"][0]["body"]
    assert loaded.lines.line_in_text(("steps", 0, "body"), body.index("[@x]"), body) == 6
    assert loaded.lines.line_in_text(("steps", 0, "body"), 0, body) == 5


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: no", "no"),
        ("a: yes", "yes"),
        ("a: on", "on"),
        ("a: true", True),
        ("a: False", False),
        ("a: 1992-02-26", "1992-02-26"),
        ("a: 1911", 1911),
        ("a: 2.5", 2.5),
        ("a: ~", None),
    ],
)
def test_only_true_and_false_are_booleans_and_dates_stay_text(text, value):
    assert load_yaml(text).data == {"a": value}


def test_duplicate_keys_keep_the_first_value_and_are_reported():
    loaded = load_yaml("a: 1\nb:\n  c: 2\n  c: 3\n")
    assert loaded.data == {"a": 1, "b": {"c": 2}}
    [duplicate] = loaded.duplicate_keys
    assert (duplicate.loc, duplicate.line, duplicate.first_line) == (("b", "c"), 4, 3)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: 1\nb: [1, 2\nc: 3\n", 3, "expected ',' or ']'"),
        ("a:\n  b: 1\n c: 2\n", 3, "expected <block end>"),
        ('a: "open\n', 1, "found unexpected end of stream"),
        ("base: &b {x: 1}\nother:\n  <<: *b\n", 3, "merge keys (<<) are not supported"),
        ("a: !!python/object:os.system x\n", 1, "could not determine a constructor"),
        ("a: 1\n---\nb: 2\n", 2, "expected a single document"),
        ("a: 1\npoints: " + "9" * 5000 + "\n", 2, "a number far too long to read"),
    ],
    ids=["list", "indent", "quote", "merge", "tag", "documents", "long-number"],
)
def test_bad_yaml_raises_with_its_line(text, line, message):
    with pytest.raises(YamlSyntaxError) as raised:
        load_yaml(text)
    assert raised.value.line == line
    assert message in raised.value.message


def test_an_empty_file_loads_as_nothing():
    assert load_yaml("").data is None


def test_keys_are_always_text_as_written():
    assert load_yaml("1: a\n1.50: b\nnull: c\ntrue: d\n").data == {
        "1": "a",
        "1.50": "b",
        "null": "c",
        "true": "d",
    }


def test_a_list_as_a_key_is_refused_with_its_line():
    with pytest.raises(YamlSyntaxError) as raised:
        load_yaml("a: 1\n? [x]\n: 2\n")
    assert raised.value.line == 2


@pytest.mark.parametrize(
    ("text", "line", "column", "hint"),
    [
        ("title: Note: read this\n", 1, 12, 'a text that contains ": " must be quoted'),
        ("title: x\n\tslug: y\n", 2, 1, "indent with spaces, not tabs"),
        ("source:\n  file: a\n   title: b\n", 3, 9, "indented further than the key above it"),
        ("source:\n  file: a\n title: b\n", 3, 2, "check the indentation"),
        ('title: "Hello\nslug: x\n', 1, 8, "this quotation mark is never closed"),
        ('title: "Hello" world\n', 1, 16, "must end with it"),
        ("text: [@ref] says more\n", 1, 8, "[@ref] must be quoted"),
        ("text: *emphasis* here\n", 1, 16, "begins with * or & must be quoted"),
    ],
    ids=["colon-in-text", "tab", "over-indented", "under-indented", "unclosed-quote",
         "quote-then-text", "citation-first", "markdown-emphasis-first"],
)  # fmt: skip
def test_common_syntax_mistakes_say_line_column_and_a_hint_in_plain_words(text, line, column, hint):
    with pytest.raises(YamlSyntaxError) as raised:
        load_yaml(text)
    assert raised.value.line == line
    assert raised.value.message.startswith(f"column {column}: ")
    assert hint in raised.value.message.split(". Hint: ", 1)[1]
