"""The label walks: what each graded part of a question is about, for the answer key shown to
the teacher (a student's attempt, the teacher guide)."""

from quizzes.types import PartLabels, QuestionType


def part_label(part_id: str, expected: str | None, labels: PartLabels) -> str:
    """What a graded part is about, for the key (the item, the cell, the choice), from the
    question's public spec; empty when the expected answer already says it."""
    label = " / ".join(piece.with_sentence for piece in labels.find(part_id))
    if not label:
        return ""
    if expected and (label == expected or expected.startswith(label.split(" (")[0])):
        return ""
    return label


def labelled_parts(parts: list[dict], public_spec: dict, qtype: QuestionType) -> list[dict]:
    labels = qtype.part_labels(public_spec)
    return [
        {**part, "label": part_label(str(part.get("id", "")), part.get("expected"), labels)}
        for part in parts
    ]
