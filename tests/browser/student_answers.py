"""Answering any question type through its form controls, as a student would: by clicking,
ticking, choosing and typing. Used by the student browser tests.

`right(question)` and `wrong(question)` give a response (the stored form) to put in;
`fill(page, question, response)` puts it in the page; `form_state(page, selector)` reads back
every control of a form, to compare before and after a reload."""

from __future__ import annotations

from typing import Any

from quizzes.models import Question
from quizzes.types import registry


def by_id(page, element_id: str):
    return page.locator(f'[id="{element_id}"]')


def right(question: Question) -> dict[str, Any]:
    qt = registry.get(question.type)
    return qt.dump_response(qt.correct_response(qt.parse_spec(question.spec)))


def wrong(question: Question) -> dict[str, Any]:
    """A well-formed answer that does not score full marks."""
    return _wrong(question.type, question.spec)


def _wrong(kind: str, spec: dict) -> dict[str, Any]:
    if kind == "single_choice":
        return {"choice": next(c["id"] for c in spec["choices"] if not c.get("correct"))}
    if kind == "multiple_choice":
        wrong_ones = [c["id"] for c in spec["choices"] if not c.get("correct")]
        return {"choices": wrong_ones[:1]}
    if kind == "true_false":
        return {"answer": not spec["answer"]}
    if kind == "classify":
        categories = [c["id"] for c in spec["categories"]]
        return {
            "answers": {
                item["id"]: next(c for c in categories if c != item["category"])
                for item in spec["items"]
            }
        }
    if kind == "select":
        in_key = {option for group in spec["key_groups"] for option in group}
        return {"selected": [next(o["id"] for o in spec["options"] if o["id"] not in in_key)]}
    if kind == "match":
        options = [o["id"] for o in spec["options"]]
        return {
            "pairs": {
                prompt: next(o for o in options if o != option)
                for prompt, option in spec["key"].items()
            }
        }
    if kind == "order":
        return {"order": [item["id"] for item in reversed(spec["items"])]}
    if kind == "short_text":
        return {"text": "I am not sure"}
    if kind == "numeric":
        return {"value": "1234567"}
    if kind == "matrix":
        categories = [c["id"] for c in spec["categories"]]
        return {
            "cells": {
                row: {
                    column: next(c for c in categories if c != cell["category"])
                    for column, cell in by_column.items()
                }
                for row, by_column in spec["cells"].items()
            }
        }
    if kind == "two_part":
        return {"a": _wrong("single_choice", spec["part_a"]["spec"]), "b": {}}
    raise ValueError(f"no wrong answer for {kind}")


def fill(page, question: Question, response: dict[str, Any]) -> None:
    _fill(page, question.type, question.spec, question.uid, response)


def _fill(page, kind: str, spec: dict, p: str, data: dict[str, Any]) -> None:
    if kind == "single_choice":
        _tick(page, {f"{p}-{data['choice']}": True})
    elif kind == "multiple_choice":
        _tick(page, {f"{p}-{c['id']}": c["id"] in data["choices"] for c in spec["choices"]})
    elif kind == "true_false":
        _tick(page, {f"{p}-{'true' if data['answer'] else 'false'}": True})
    elif kind == "classify":
        _tick(page, {f"{p}-{item}.{category}": True for item, category in data["answers"].items()})
    elif kind == "select":
        chosen = set(data["selected"])
        _tick(page, {f"{p}-{o['id']}": o["id"] in chosen for o in spec["options"]})
    elif kind == "match":
        for prompt in spec["prompts"]:
            by_id(page, f"{p}-{prompt['id']}").select_option(data["pairs"].get(prompt["id"], ""))
    elif kind == "order":
        for position, item in enumerate(data["order"], start=1):
            by_id(page, f"{p}-{item}").select_option(str(position))
    elif kind in ("short_text", "free_text"):
        by_id(page, f"{p}-text").fill(data["text"])
    elif kind == "numeric":
        by_id(page, f"{p}-value").fill(data["value"])
    elif kind == "matrix":
        _tick(
            page,
            {
                f"{p}-{row}.{column}.{category}": True
                for row, by_column in data["cells"].items()
                for column, category in by_column.items()
            },
        )
    elif kind == "two_part":
        _fill(page, "single_choice", spec["part_a"]["spec"], f"{p}-a", data["a"])
        part_b = spec["part_b"]
        empty = {"select": {"selected": []}, "multiple_choice": {"choices": []}}[part_b["type"]]
        _fill(page, part_b["type"], part_b["spec"], f"{p}-b", data.get("b") or empty)
    else:
        raise ValueError(f"cannot fill {kind}")


def _tick(page, wanted: dict[str, bool]) -> None:
    """Tick or untick boxes and radios by clicking their labels, as a person does (the words of
    the select type are visually hidden checkboxes styled as buttons), or the control itself
    when its label is only for screen readers; then check that each one is as wanted.

    States and label sizes are read in one round trip to the browser before the clicks and one
    after, not control by control: a sentence-selection item has dozens of boxes, and each
    round trip costs tens of milliseconds on a busy machine."""
    if not wanted:
        return
    by_id(page, next(iter(wanted))).wait_for(state="attached")  # the page is there
    before = _boxes(page, list(wanted))
    for element_id, want in wanted.items():
        checked, label_width, label_height = before[element_id]
        if checked == want:
            continue
        if label_width > 2 and label_height > 2:
            page.locator(f'label[for="{element_id}"]').click()
        else:  # the label is for screen readers only (a grid of radios): click the control
            by_id(page, element_id).click()
    after = _boxes(page, list(wanted))
    assert {element_id: state[0] for element_id, state in after.items()} == wanted


def _boxes(page, element_ids: list[str]) -> dict[str, list]:
    """{id: [checked, label width, label height]} for each box, in one round trip. Evaluated
    in Playwright's own world, which works with the page's JavaScript off too."""
    found = page.evaluate(
        """ids => Object.fromEntries(ids.map(id => {
            const box = document.getElementById(id);
            const label = document.querySelector(`label[for="${CSS.escape(id)}"]`);
            const size = label ? label.getBoundingClientRect() : {width: 0, height: 0};
            return [id, box ? [box.checked, size.width, size.height] : null];
        }))""",
        element_ids,
    )
    missing = [element_id for element_id, state in found.items() if state is None]
    assert not missing, f"no such control: {missing}"
    return found


def form_state(page, selector: str) -> dict[str, Any]:
    """Every control of a form that a student sets: checked state of boxes and radios, value
    of the rest. Read in one round trip, in Playwright's evaluation world, which works with the
    page's JavaScript off too."""
    controls = page.locator(
        f"{selector} input:not([type=hidden]), {selector} select, {selector} textarea"
    )
    return dict(
        controls.evaluate_all(
            """controls => controls.map(control => {
                const key = control.getAttribute("id") || control.getAttribute("name");
                const kind = (control.getAttribute("type") || "").toLowerCase();
                const checkable = kind === "checkbox" || kind === "radio";
                return [key, checkable ? control.checked : control.value];
            })"""
        )
    )
