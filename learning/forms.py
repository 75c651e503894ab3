"""Answers as the student's pages post them: each question type reads its own fields."""

from collections.abc import Iterable
from typing import Any

from django.http import QueryDict


def posted_answers(post: QueryDict, items: Iterable[Any]) -> tuple[dict[int, Any], dict[int, Any]]:
    """(answers to save, every posted item's raw answer), by question id.

    `items` have `.question`, `.qtype`, `.uid` and `.response` (quiz items and lesson
    activities alike). Only the items the page posted (listed in "items") are read, so a page
    showing some questions leaves the others alone; an item left untouched and never answered
    is not saved, so that a bare "Next" or "Save" stores no empty answers."""
    posted = set(post.getlist("items"))
    answers, raw_by_id = {}, {}
    for item in items:
        if str(item.question.pk) not in posted:
            continue
        spec = item.question.spec_parsed()  # once per request: saving and grading reuse it
        raw = item.qtype.parse_form(spec, post, item.uid)
        raw_by_id[item.question.pk] = raw
        empty = item.qtype.dump_response(item.qtype.empty_response(spec))
        if item.response is not None or raw != empty:
            answers[item.question.pk] = raw
    return answers, raw_by_id
