"""The validated package as the plain dataclasses of ``content.py``.

Only a package with no error at all is built, so every model value here is final and every
question's prepared spec exists."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from authoring.package import content
from authoring.package.document import MainText
from authoring.package.errors import Loc
from authoring.package.schema import Lesson
from authoring.package.schema_extras import simpler_text, standard_text


def build_package(
    folder: Path,
    lesson: Lesson,
    main: MainText,
    prepared: Mapping[Loc, dict[str, Any]],
    figures: Mapping[str, tuple[str, bytes]],
    simpler: Mapping[Loc, dict[str, str]] | None = None,
) -> content.Package:
    """The package in ``folder``; ``prepared`` holds each question's spec by its location
    (``simpler``, its prose written at the simpler level), ``figures`` each figure's checked
    file (media type, bytes) by its id."""

    def question(loc: Loc, q: Any) -> content.Question:
        return content.Question(
            id=q.id,
            type=q.type,
            prompt=standard_text(q.prompt),
            prompt_simpler=simpler_text(q.prompt),
            extension=q.extension,
            points=q.points,
            skills=tuple(q.skills),
            feedback=_feedback(q.feedback),
            spec=prepared[loc],
            spec_simpler=dict((simpler or {}).get(loc, {})),
            fixed_order=q.fixed_order,
        )

    steps = tuple(
        content.Step(
            kind=step.kind,
            title=step.title,
            body=standard_text(step.body),
            body_simpler=simpler_text(step.body),
            figures=tuple(step.figures),
            timeline=step.timeline,
            questions=tuple(
                question(("steps", i, "activities", j), q) for j, q in enumerate(step.activities)
            ),
        )
        for i, step in enumerate(lesson.steps)
    )
    source = lesson.source
    return content.Package(
        path=folder,
        format=lesson.format,
        slug=lesson.slug,
        version=lesson.version,
        title=lesson.title,
        language=lesson.language,
        grade_band=lesson.grade_band,
        estimated_minutes=lesson.estimated_minutes,
        summary=lesson.summary,
        objectives=tuple(lesson.objectives),
        skills=tuple(lesson.skills),
        standards=tuple(
            content.Standard(code=s.code, text=s.text, skills=tuple(s.skills))
            for s in lesson.standards
        ),
        references=tuple(content.Reference(**r.model_dump()) for r in lesson.references),
        source=content.MainSource(
            **_plain(source.model_dump(exclude={"segmentation", "excerpts"})),
            text=main.text,
            sentences=main.sentences,
            excerpts=_excerpts(source.excerpts),
        ),
        sources=tuple(
            content.ComparisonSource(
                **_plain(s.model_dump(exclude={"excerpts"})), excerpts=_excerpts(s.excerpts)
            )
            for s in lesson.sources
        ),
        glossary=tuple(
            content.GlossaryEntry(
                term=g.term,
                aliases=tuple(g.aliases),
                definition=g.definition,
                names=tuple(content.Name(**n.model_dump()) for n in g.names),
            )
            for g in lesson.glossary
        ),
        steps=steps,
        quiz=content.Quiz(
            title=lesson.quiz.title,
            settings=content.QuizSettings(**lesson.quiz.settings.model_dump()),
            items=tuple(question(("quiz", "items", k), q) for k, q in enumerate(lesson.quiz.items)),
        ),
        teacher_guide=content.TeacherGuide(**_plain(lesson.teacher_guide.model_dump())),
        parts=tuple(
            content.Part(title=p.title, summary=p.summary, steps=tuple(p.steps))
            for p in lesson.parts
        ),
        figures=tuple(
            content.Figure(**f.model_dump(), media_type=figures[f.id][0], data=figures[f.id][1])
            for f in lesson.figures
        ),
        # In time order; events on the same date keep the order written.
        timeline=tuple(
            content.TimelineEvent(**_plain(e.model_dump()))
            for e in sorted(lesson.timeline, key=lambda e: e.date)
        ),
    )


def _feedback(feedback: Any) -> content.Feedback:
    states = ("correct", "partial", "incorrect")
    texts = {state: getattr(feedback, state) for state in states}
    return content.Feedback(
        **{state: standard_text(text) for state, text in texts.items()},
        simpler=tuple(
            (state, simpler_text(text)) for state, text in texts.items() if simpler_text(text)
        ),
    )


def _excerpts(excerpts: Any) -> tuple[content.Excerpt, ...]:
    return tuple(content.Excerpt(**e.model_dump()) for e in excerpts)


def _plain(fields: dict[str, Any]) -> dict[str, Any]:
    """Lists as tuples, so the dataclasses stay immutable all the way down."""
    return {k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()}
