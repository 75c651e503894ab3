"""Row actions: the buttons that add, move and remove a row post the form, so an editor works
without JavaScript; the item changes, nothing else is lost."""

from __future__ import annotations

import re

from quizzes.editors import item_editor

from .formdata import form_data

ORDER = {
    "id": "q-order",
    "type": "order",
    "prompt": "Put these in order.",
    "skills": ["sourcing"],
    "spec": {
        "items": [
            {"id": "a", "text": "First"},
            {"id": "b", "text": "Second"},
            {"id": "c", "text": "Third"},
        ]
    },
}


def press(item, action, **kwargs):
    html = item_editor(item["type"], spec=item, **kwargs).render()
    return item_editor(item["type"], data=form_data(html, press=("q--action", action)), **kwargs)


def test_adding_a_row_appends_one_with_a_fresh_id_and_keeps_the_others():
    editor = press(ORDER, "add:spec.items")
    assert editor.acted
    items = editor.item()["spec"]["items"]
    assert [i["id"] for i in items] == ["a", "b", "c", "n1"]
    assert items[3]["text"] == ""
    assert 'name="q-spec-items-3-text"' in editor.render()


def test_moving_a_row_up_and_down_swaps_it_with_its_neighbour():
    up = press(ORDER, "up:spec.items.2")
    assert [i["id"] for i in up.item()["spec"]["items"]] == ["a", "c", "b"]
    down = press(ORDER, "down:spec.items.0")
    assert [i["id"] for i in down.item()["spec"]["items"]] == ["b", "a", "c"]


def test_removing_a_row_drops_only_that_row():
    editor = press(ORDER, "remove:spec.items.1")
    assert [i["id"] for i in editor.item()["spec"]["items"]] == ["a", "c"]


def test_the_first_row_cannot_move_up_nor_the_last_down():
    html = item_editor("order", spec=ORDER).render()
    assert re.search(r'value="up:spec\.items\.0"\s+disabled', html)
    assert re.search(r'value="down:spec\.items\.2"\s+disabled', html)
    assert not re.search(r'value="up:spec\.items\.1"\s+disabled', html)


def test_a_mapping_gets_a_blank_row_to_fill_in():
    item = {
        "id": "q-sel",
        "type": "select",
        "prompt": "Select.",
        "skills": ["sourcing"],
        "spec": {"unit": "sentence", "key": ["s1"]},
    }
    editor = press(item, "add:spec.feedback", sentences={"s1": "One.", "s2": "Two."})
    assert editor.item()["spec"]["feedback"] == {"": ""}
    html = editor.render()
    data = form_data(html)
    data["q-spec-feedback-0--key"] = "s1"
    data["q-spec-feedback-0-value-standard"] = "Yes."
    filled = item_editor("select", data=data, sentences={"s1": "One.", "s2": "Two."})
    assert filled.item()["spec"]["feedback"] == {"s1": "Yes."}
    assert filled.is_valid(), filled.errors


def test_each_value_of_a_mapping_is_labelled_by_its_row():
    item = {
        "id": "q-sel",
        "type": "select",
        "prompt": "Select.",
        "skills": ["sourcing"],
        "spec": {"unit": "sentence", "key": ["s1"], "feedback": {"s1": "Yes.", "s2": "No."}},
    }
    html = item_editor("select", spec=item, sentences={"s1": "One.", "s2": "Two."}).render()
    for row in (0, 1):
        field = f"id-q-spec-feedback-{row}-value-standard"
        label = re.search(rf'<label[^>]*for="{field}">([^<]*)<', html)
        assert label is not None and label.group(1) == f"Feedback, row {row + 1}"


def test_an_unknown_or_malformed_action_changes_nothing():
    for action in ("explode:spec.items", "up:spec.items.99", "add:spec.nothing", "up:"):
        editor = press(ORDER, action)
        assert editor.item() == ORDER


def test_a_new_item_starts_blank_and_says_what_is_missing():
    editor = item_editor("single_choice")
    html = editor.render()
    editor = item_editor("single_choice", data=form_data(html))
    assert not editor.is_valid()
    assert editor.errors[("id",)] == ["Fill this in."]
    assert editor.errors[("spec", "choices")] == ["Add at least 2."]
