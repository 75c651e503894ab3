"""The label walks: what each graded part of a question is about, for the answer key shown to
the teacher (a student's attempt, the teacher guide)."""

from .. import analysis


def part_label(part_id: str, expected: str | None, labels: dict[str, str]) -> str:
    """What a graded part is about, for the key (the item, the cell, the choice), from the
    question's public spec; empty when the expected answer already says it."""
    label = labels.get(part_id) or " / ".join(
        labels[segment] for segment in part_id.split(".") if segment in labels
    )
    if not label:
        return ""
    if expected and (label == expected or expected.startswith(label.split(" (")[0])):
        return ""
    return label


def labelled_parts(parts: list[dict], public_spec: dict) -> list[dict]:
    labels = analysis.labels_from_spec(public_spec)
    return [
        {**part, "label": part_label(str(part.get("id", "")), part.get("expected"), labels)}
        for part in parts
    ]
