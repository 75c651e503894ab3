"""A lesson's class periods with the minutes each takes: one rule for every page that shows
them (the student's step list and dashboard, the teacher's lesson list, guide and assignment).

Pure: it reads a lesson's ``parts`` and its steps' ``minutes`` (estimated by the loader,
``authoring.package.minutes``), already fetched."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from lessons.models import Lesson, ReadingLevel, Step


@dataclass
class StepTime:
    step: Step
    core: int  # minutes
    extension: int


@dataclass
class PartView:
    number: int
    title: str
    summary: str
    steps: list[StepTime] = field(default_factory=list)

    @property
    def core(self) -> int:
        return sum(s.core for s in self.steps)

    @property
    def extension(self) -> int:
        return sum(s.extension for s in self.steps)

    def holds(self, step: Step) -> bool:
        return any(s.step.pk == step.pk for s in self.steps)


def lesson_parts(
    lesson: Lesson, steps: Iterable[Step], level: str = ReadingLevel.STANDARD
) -> list[PartView]:
    """The lesson's parts in order, each with its steps and their minutes at ``level``. A lesson
    without parts is one part named after the lesson. A step no part names (a package changed
    since) goes in the last part, so every step is counted once."""
    steps = list(steps)
    timed = {s.kind: StepTime(s, **s.minutes_for(level)) for s in steps}
    parts = [
        PartView(
            n,
            p.get("title", ""),
            p.get("summary", ""),
            [timed.pop(k) for k in p.get("steps", []) if k in timed],
        )
        for n, p in enumerate(lesson.parts or [], start=1)
    ]
    if not parts:
        parts = [PartView(1, lesson.title, "")]
    leftover = [timed[s.kind] for s in steps if s.kind in timed]
    parts[-1].steps.extend(leftover)
    return parts


def lesson_minutes(parts: Iterable[PartView]) -> tuple[int, int]:
    """(core, extension) minutes of the whole lesson."""
    parts = list(parts)
    return sum(p.core for p in parts), sum(p.extension for p in parts)
