"""Where each of the validator's errors is fixed: the studio page and the field id. Every error
of a draft is listed on every page of it, each a link to its field (issue 16, point 3)."""

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from .forms import DetailsForm, SourcingForm, StepsForm
from .models import Draft
from .package import place_errors

_QUESTION = re.compile(r"^(?:steps\[(\d+)\]\.activities|quiz\.items)\[(\d+)\](.*)$")
_ROW = re.compile(r"^(references|glossary)\[(\d+)\](?:\.(\w+))?")
_MISSING = re.compile(r"^missing field '([^']+)'$")


@dataclass(frozen=True)
class ErrorLink:
    path: str
    message: str
    href: str
    field: str  # the form field it belongs to on its page ("" when none)


def plain(message: str) -> str:
    """The validator's wording, with its most common message said for a form."""
    if _MISSING.match(message):
        return _("This is required: fill it in.")
    return message


def _question_place(tree: dict, step_index: str | None) -> str | None:
    if step_index is None:
        return "quiz"
    steps = tree.get("steps") or []
    index = int(step_index)
    return steps[index].get("kind") if index < len(steps) else None


def error_links(draft: Draft) -> list[ErrorLink]:
    tree = draft.tree
    pages = [
        ("studio:draft_details", DetailsForm.paths),
        ("studio:draft_sourcing", SourcingForm.paths),
        ("studio:draft_steps", {**StepsForm.paths_for(tree), "steps": "steps", "quiz": "quiz"}),
        ("studio:draft_document", {"segmentation": "source.segmentation", "file": "source.file"}),
    ]
    links = []
    for error in draft.errors:
        path, message = error["path"], plain(error["message"])
        question = _QUESTION.match(path)
        row = _ROW.match(path)
        if question:
            place = _question_place(tree, question.group(1))
            if place is not None:
                args = [draft.pk, place, int(question.group(2))]
                url = reverse("studio:question_edit", args=args)
                links.append(ErrorLink(path, message, url + "#question-errors", ""))
                continue
        if row:
            prefix = "ref" if row.group(1) == "references" else "term"
            name = row.group(3) or ("id" if prefix == "ref" else "term")
            field = f"{prefix}-{row.group(2)}-{name}"
            url = reverse("studio:draft_context", args=[draft.pk])
            links.append(ErrorLink(path, message, f"{url}#id_{field}", field))
            continue
        for name, fields in pages:
            placed, _rest = place_errors([error], fields)
            if placed:
                field = next(iter(placed))
                url = reverse(name, args=[draft.pk])
                links.append(ErrorLink(path, message, f"{url}#id_{field}", field))
                break
        else:
            url = reverse("studio:draft_details", args=[draft.pk])
            links.append(ErrorLink(path, message, url, ""))
    return links


def errors_by_field(links: list[ErrorLink], page_url: str) -> dict[str, list[str]]:
    """The messages of the errors shown at a field of the page at `page_url`."""
    out: dict[str, list[str]] = {}
    for link in links:
        if link.field and link.href.startswith(page_url + "#"):
            out.setdefault(link.field, []).append(link.message)
    return out
