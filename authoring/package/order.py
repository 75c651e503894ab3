"""The order choices are shown in: where an author may keep the order written (``fixed_order``),
and whether the right answers of the quiz's questions shown that way cluster in one position.

Students see a question's choices shuffled per attempt when the quiz shuffles, and otherwise in
an order drawn once per question version (``quizzes.selectors.public_spec_for``): never in the
order written, where authors tend to put the right answer first. Only a ``fixed_order`` question
is shown as written, so only those questions can give the key away by its position."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from authoring.package.errors import Loc
from authoring.package.findings import Findings
from authoring.package.rawtree import as_text, raw_questions
from quizzes.types import registry

# Fewer questions than this in one position is no pattern a student could learn.
CLUSTER_AT_LEAST = 3


def check_fixed_order(raw: Any, findings: Findings) -> None:
    """``fixed_order`` only on a type with lists to shuffle: an ``order`` question shown in
    the order written would show its key."""
    shuffling = sorted(qt.key for qt in registry if qt.shuffles)
    for loc, question in raw_questions(raw):
        key = as_text(question.get("type"))
        if question.get("fixed_order") is not True or key not in registry:
            continue  # not a boolean, or an unknown type: check_structure and check_spec say so
        if not registry.get(key).shuffles:
            findings.error(
                (*loc, "fixed_order"),
                f"a {key} question has no choices to keep in order "
                f"(fixed_order applies to {', '.join(shuffling)})",
            )


def check_key_positions(
    raw: Any, findings: Findings, prepared: Mapping[Loc, dict[str, Any]]
) -> None:
    """Report a graded quiz in which a student who always picks the same position would score
    more than half of the choice questions: at least ``CLUSTER_AT_LEAST`` questions shown in
    the order written (``fixed_order``) with their right answer in that position, and more
    than half of all the quiz's choice questions."""
    choice_questions = 0
    by_position: dict[int, list[str]] = {}
    for loc, question in raw_questions(raw):
        if loc[0] != "quiz" or loc not in prepared:
            continue
        qt = registry.get(as_text(question.get("type")) or "")
        position = qt.key_position(qt.parse_spec(prepared[loc])) if qt.auto_graded else None
        if position is None:
            continue
        choice_questions += 1
        if question.get("fixed_order") is True:
            by_position.setdefault(position, []).append(str(question.get("id")))
    counts = Counter({position: len(ids) for position, ids in by_position.items()})
    for position, count in counts.most_common(1):
        if count >= CLUSTER_AT_LEAST and count * 2 > choice_questions:
            ids = ", ".join(by_position[position])
            findings.error(
                ("quiz", "items"),
                f"the right answer is choice {position + 1} in {count} of the quiz's "
                f"{choice_questions} choice questions, all shown in the order written "
                f"(fixed_order: {ids}): a student who always picks choice {position + 1} "
                "scores them. Move their right answers, or drop fixed_order where the order "
                "does not matter",
            )
