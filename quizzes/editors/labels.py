"""The words an editor shows for the fields of specs, by field name: the same name means the
same thing in every type. A type may name one of its fields differently (`editor_labels`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

LABELS: dict[str, Any] = {
    "id": _("Id"),
    "text": _("Text"),
    "label": _("Label"),
    "prompt": _("Prompt"),
    "points": _("Points"),
    "skills": _("Skills"),
    "feedback": _("Feedback"),
    "fixed_order": _("Keep the order written (do not shuffle)"),
    "extension": _("Extension (optional work beyond the core path)"),
    "spec": _("Question"),
    "correct": _("Correct"),
    "partial": _("Partly correct"),
    "incorrect": _("Incorrect"),
    "choices": _("Choices"),
    "answer": _("Answer"),
    "feedback_true": _("Feedback for “true”"),
    "feedback_false": _("Feedback for “false”"),
    "categories": _("Categories"),
    "items": _("Items"),
    "category": _("Category"),
    "sentence": _("Sentence"),
    "explanation": _("Explanation"),
    "sources": _("Sources (ids)"),
    "unit": _("What students select"),
    "within": _("Sentences shown"),
    "key": _("Key"),
    "min": _("Fewest to select"),
    "max": _("Most to select"),
    "prompts": _("Prompts"),
    "options": _("Options"),
    "accepted": _("Accepted answers"),
    "case_sensitive": _("Case sensitive"),
    "tolerance": _("Tolerance (absolute)"),
    "tolerance_percent": _("Tolerance (percent)"),
    "rows": _("Rows"),
    "columns": _("Columns"),
    "cells": _("Key of each cell"),
    "min_words": _("Fewest words"),
    "max_words": _("Most words"),
    "rubric": _("Rubric levels"),
    "level": _("Points at this level"),
    "descriptor": _("Descriptor"),
    "sample_answer": _("Sample answer (for the teacher)"),
    "sentence_starters": _("Sentence starters"),
    "paragraph_frame": _("Paragraph frame"),
    "part_a": _("Part A"),
    "part_b": _("Part B"),
    "type": _("Type"),
    "standard": _("Standard"),
    "simpler": _("Simpler"),
}


def label_for(name: str) -> Any:
    return LABELS.get(name) or name.replace("_", " ").capitalize()
