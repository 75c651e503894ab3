"""Validation by the type's own rules, each problem in plain words at its field."""

from __future__ import annotations

import pytest

from quizzes.editors import item_editor
from quizzes.types import registry

from .formdata import form_data

SENTENCES = {"s1": "The town fell.", "s2": "Many fled.", "s3": "Reports came later."}
JARGON = ("Input should", "Field required", "Value error", "pydantic", "validation error")


def item(type_key, spec, **more):
    return {
        "id": "q1",
        "type": type_key,
        "prompt": "P?",
        "skills": ["sourcing"],
        "spec": spec,
        **more,
    }


def validated(type_key, spec, **more):
    editor = item_editor(type_key, spec=item(type_key, spec, **more), sentences=SENTENCES)
    editor.is_valid()
    return editor


def test_a_blank_choice_text_is_reported_at_that_text():
    editor = validated(
        "single_choice",
        {"choices": [{"id": "a", "text": "", "correct": True}, {"id": "b", "text": "B"}]},
    )
    assert editor.errors == {("spec", "choices", 0, "text"): ["Write something here."]}
    html = editor.render()
    assert 'id="id-q-spec-choices-0-text-error"' in html
    assert 'aria-invalid="true"' in html
    assert 'href="#id-q-spec-choices-0-text"' in html


def test_a_bad_id_says_which_characters_an_id_may_have():
    editor = validated("order", {"items": [{"id": "a b", "text": "A"}, {"id": "c", "text": "C"}]})
    (message,) = editor.errors[("spec", "items", 0, "id")]
    assert "letters, digits" in message


def test_a_type_check_against_the_document_is_reported_at_the_key():
    editor = validated("select", {"unit": "sentence", "key": ["s9"]})
    assert ("spec", "key", 0) in editor.errors or ("spec", "key") in editor.errors
    assert any("s9" in m for ms in editor.errors.values() for m in ms)


def test_a_classify_item_in_an_unknown_category_is_reported_at_its_category():
    spec = {
        "categories": [{"id": "fact", "label": "Fact"}, {"id": "view", "label": "View"}],
        "items": [{"id": "i1", "text": "X", "category": "belief"}],
    }
    editor = validated("classify", spec)
    assert editor.errors == {("spec", "items", 0, "category"): ["unknown category 'belief'"]}


def test_a_matrix_cell_without_a_key_is_reported_in_the_grid():
    spec = {
        "rows": [{"id": "r1", "text": "Claim"}],
        "columns": [{"id": "c1", "text": "HRW"}, {"id": "c2", "text": "Memorial"}],
        "categories": [{"id": "yes", "label": "Agrees"}, {"id": "no", "label": "Disagrees"}],
        "cells": {"r1": {"c1": {"category": "yes"}}},
    }
    editor = validated("matrix", spec)
    assert editor.errors, "a missing cell must be an error"
    assert all(path[:2] == ("spec", "cells") for path in editor.errors)
    assert "id-q-spec-cells" in editor.render()


def test_fixing_the_error_makes_the_editor_valid_and_clears_the_message():
    spec = {"choices": [{"id": "a", "text": "", "correct": True}, {"id": "b", "text": "B"}]}
    editor = validated("single_choice", spec)
    data = form_data(editor.render())
    data["q-spec-choices-0-text"] = "A"
    fixed = item_editor("single_choice", data=data, sentences=SENTENCES)
    assert fixed.is_valid()
    assert "invalid-feedback" not in fixed.render()


@pytest.mark.parametrize("type_key", registry.keys())
def test_a_blank_item_of_every_type_gets_only_plain_messages(type_key):
    blank = item_editor(type_key, sentences=SENTENCES)
    editor = item_editor(type_key, data=form_data(blank.render()), sentences=SENTENCES)
    assert not editor.is_valid()
    for messages in editor.errors.values():
        for message in messages:
            assert not any(word in message for word in JARGON), message
    # Every error is shown, at a field the page has.
    html = editor.render()
    for target, _message in editor.error_summary():
        assert f'id="{target}"' in html, target


def test_junk_posted_to_any_editor_is_refused_with_messages_not_exceptions():
    junk = form_data("")
    for key, value in {
        "q-points": "many",
        "q-spec--count": "x",
        "q-spec-choices--count": "99999999",
        "q-spec-items--count": "3",
        "q-spec-answer": "1e999",
        "q--action": "up:spec.items.-1",
    }.items():
        junk[key] = value
    for qt in registry:
        editor = item_editor(qt.key, data=junk, sentences=SENTENCES)
        assert not editor.is_valid()
        editor.render()


def test_a_whole_number_too_long_to_read_is_reported_not_a_server_error():
    spec = {"choices": [{"id": "a", "text": "A", "correct": True}, {"id": "b", "text": "B"}]}
    shown = item_editor("single_choice", spec=item("single_choice", spec), sentences=SENTENCES)
    data = form_data(shown.render())
    [points] = [name for name in data if name.endswith("points")]
    data[points] = "9" * 5000  # Python refuses to read more than 4,300 digits as an int

    editor = item_editor("single_choice", data=data, sentences=SENTENCES)

    assert not editor.is_valid()
    assert any("points" in key for key in editor.errors)
