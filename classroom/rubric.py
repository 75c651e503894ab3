"""A written answer's scoring guide (the `rubric` of a free_text spec), read for teachers: pure."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class RubricLevel:
    level: int
    label: str
    descriptor: str
    points: Decimal


def rubric_levels(question) -> list[RubricLevel]:
    """The question's scoring guide, best level first, each with the points it gives: the
    question's points in proportion to the level, so the top level earns every point
    (levels 0, 2, 4 of a 4-point question give 0, 2 and 4 points; levels 1 to 4 give 1 to 4)."""
    levels = [level for level in (question.spec or {}).get("rubric") or [] if "level" in level]
    if not levels:
        return []
    top = max(int(level["level"]) for level in levels)
    result = []
    for level in sorted(levels, key=lambda lv: -int(lv["level"])):
        share = Decimal(int(level["level"])) / Decimal(top) if top else Decimal(0)
        result.append(
            RubricLevel(
                level=int(level["level"]),
                label=str(level.get("label", "")),
                descriptor=str(level.get("descriptor", "")),
                points=(share * question.points).quantize(Decimal("0.001")),
            )
        )
    return result
