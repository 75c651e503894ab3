"""Simpler wordings inside a spec survive the editor: each stays with its own standard text
when rows move, and goes when its standard text is rewritten (it no longer matches)."""

from __future__ import annotations

from quizzes.editors import item_editor

from .formdata import form_data

CLASSIFY = {
    "id": "q-sort",
    "type": "classify",
    "prompt": "Sort the statements.",
    "skills": ["sourcing"],
    "spec": {
        "categories": [{"id": "fact", "label": "Fact"}, {"id": "view", "label": "Opinion"}],
        "items": [
            {
                "id": "a",
                "text": "The town had an airport.",
                "category": "fact",
                "explanation": {"standard": "Records show it.", "simpler": "Papers show it."},
            },
            {
                "id": "b",
                "text": "It was the worst day.",
                "category": "view",
                "explanation": {"standard": "A judgement.", "simpler": "Someone's view."},
            },
        ],
    },
}


def explanations(item):
    return {row["id"]: row["explanation"] for row in item["spec"]["items"]}


def test_an_item_with_simpler_texts_comes_back_unchanged():
    html = item_editor("classify", spec=CLASSIFY).render()
    assert item_editor("classify", data=form_data(html)).item() == CLASSIFY


def test_a_moved_row_keeps_its_own_simpler_text():
    html = item_editor("classify", spec=CLASSIFY).render()
    moved = item_editor("classify", data=form_data(html, press=("q--action", "down:spec.items.0")))
    assert [row["id"] for row in moved.item()["spec"]["items"]] == ["b", "a"]
    assert explanations(moved.item()) == explanations(CLASSIFY)


def test_a_rewritten_standard_text_drops_the_simpler_text_that_no_longer_matches():
    data = form_data(item_editor("classify", spec=CLASSIFY).render())
    data["q-spec-items-0-explanation"] = "Several records show it."
    item = item_editor("classify", data=data).item()
    assert explanations(item) == {
        "a": "Several records show it.",
        "b": {"standard": "A judgement.", "simpler": "Someone's view."},
    }


def test_a_forged_simpler_field_is_ignored():
    data = form_data(item_editor("classify", spec=CLASSIFY).render())
    data["q--simpler"] = "[not, a, mapping"
    item = item_editor("classify", data=data).item()
    assert explanations(item) == {"a": "Records show it.", "b": "A judgement."}
