"""Writes on lessons: loading validated content packages into the database.

Loading is idempotent (keyed by slugs and ids) and atomic. A question that already has answers is
never changed in place: a new version is made and old responses keep pointing to theirs."""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from authoring.models import PackageFile
from authoring.package import content
from authoring.package.errors import PackageError
from authoring.package.files import PackageFiles, package_files_read
from authoring.package.minutes import step_minutes
from authoring.package.validate import find_packages, validate_package
from lessons.models import Figure, GlossaryTerm, Lesson, Reference, Sentence, Source, Step
from quizzes.models import Attempt, KeyChange, Question, Quiz
from quizzes.types import GradeState


@dataclass
class LoadResult:
    slug: str
    status: str  # "created", "updated" or "unchanged"
    new_versions: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    # Answered questions now graded on something else (type, points or spec): to regrade.
    key_changes: list[KeyChange] = field(default_factory=list)


class PackageInvalid(Exception):
    def __init__(self, errors: list[PackageError]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} error(s) in lesson packages")


# Raised when the loader stores something new for the same files (issue 14: minutes, figures,
# levels; issue 16: the package's files themselves), so that every package is loaded once more
# after the upgrade instead of being skipped as unchanged.
LOADER_VERSION = b"3"


def package_digest(files: PackageFiles) -> str:
    """Digest of every file of the package and of the loader's version, so an unchanged
    package is not loaded again by the same loader."""
    digest = hashlib.sha256(LOADER_VERSION)
    for path in sorted(files):
        digest.update(path.encode())
        digest.update(files[path])
    return digest.hexdigest()


def lesson_packages_load(*, paths: list[Path | str], force: bool = False) -> list[LoadResult]:
    """Validate every package first; load them all in one transaction only if all are valid."""
    reports = [validate_package(folder) for folder in find_packages(paths)]
    errors = [error for report in reports for error in report.errors]
    if errors:
        raise PackageInvalid(errors)
    with transaction.atomic():
        return [lesson_package_load(package=report.package, force=force) for report in reports]


@transaction.atomic
def lesson_package_load(*, package: content.Package, force: bool = False) -> LoadResult:
    files = package_files_read(package.path)
    digest = package_digest(files)
    lesson = Lesson.objects.filter(slug=package.slug).first()
    if lesson is not None and lesson.package_digest == digest and not force:
        return LoadResult(package.slug, "unchanged")
    status = "created" if lesson is None else "updated"
    lesson = lesson or Lesson(slug=package.slug)
    lesson.title = package.title
    lesson.version = package.version
    lesson.language = package.language
    lesson.grade_band = package.grade_band or ""
    lesson.estimated_minutes = package.estimated_minutes or lesson.estimated_minutes
    lesson.summary = package.summary
    lesson.objectives = list(package.objectives)
    lesson.skills = list(package.skills)
    lesson.standards = [
        {"code": s.code, "text": s.text, "skills": list(s.skills)} for s in package.standards
    ]
    lesson.teacher_guide = {
        "overview": package.teacher_guide.overview,
        "handling_with_care": package.teacher_guide.handling_with_care or "",
        "discussion_questions": list(package.teacher_guide.discussion_questions),
        "key_notes": package.teacher_guide.key_notes or "",
    }
    lesson.parts = [
        {"title": p.title, "summary": p.summary or "", "steps": list(p.steps)}
        for p in package.parts
    ]
    lesson.timeline = [
        {
            "date": e.date,
            "label": e.label or e.date,
            "title": e.title or "",
            "text": e.text,
            "tags": list(e.tags),
        }
        for e in package.timeline
    ]
    lesson.package_digest = digest
    lesson.save()
    lesson.package_files.all().delete()
    PackageFile.objects.bulk_create(
        PackageFile(lesson=lesson, path=path, content=data) for path, data in files.items()
    )

    _replace_texts(lesson, package)
    steps = _sync_steps(lesson, package, _figure_views(package))
    _sync_quiz(lesson, package)
    result = LoadResult(package.slug, status)
    _sync_questions(lesson, package, steps, result)
    return result


def _replace_texts(lesson: Lesson, package: content.Package) -> None:
    """Sources, references, sentences and glossary hold no student data: rewrite them."""
    main = package.source
    lesson.sentences.all().delete()
    Sentence.objects.bulk_create(
        Sentence(
            lesson=lesson,
            key=s.id,
            position=i,
            paragraph=s.paragraph,
            text=s.text,
            space_after=s.space_after,
        )
        for i, s in enumerate(main.sentences)
    )
    lesson.references.all().delete()
    Reference.objects.bulk_create(
        Reference(lesson=lesson, key=r.id, position=i, citation=r.citation, url=r.url or "")
        for i, r in enumerate(package.references)
    )
    lesson.glossary.all().delete()
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(
            lesson=lesson, position=i, term=g.term, aliases=list(g.aliases), definition=g.definition
        )
        for i, g in enumerate(package.glossary)
    )
    lesson.figures.all().delete()
    Figure.objects.bulk_create(
        Figure(
            lesson=lesson,
            key=f.id,
            position=i,
            media_type=f.media_type,
            data=f.data,
            digest=hashlib.sha256(f.data).hexdigest(),
            alt=f.alt,
            caption=f.caption,
            credit=f.credit,
            long_description=f.long_description or "",
        )
        for i, f in enumerate(package.figures)
    )
    lesson.sources.all().delete()
    common = ("title", "author", "publisher", "date", "type", "audience", "url", "citation")
    Source.objects.create(
        lesson=lesson,
        key="main",
        kind=Source.Kind.MAIN,
        position=0,
        known=list(main.known),
        unknown=list(main.unknown),
        excerpts=_excerpts(main.excerpts),
        text=main.text,
        **{name: getattr(main, name) or "" for name in common},
    )
    Source.objects.bulk_create(
        Source(
            lesson=lesson,
            key=s.id,
            kind=Source.Kind.COMPARISON,
            position=i,
            perspective=s.perspective or "",
            known=list(s.known),
            unknown=list(s.unknown),
            summary=s.summary,
            excerpt=s.excerpt or "",
            excerpts=_excerpts(s.excerpts),
            **{name: getattr(s, name) or "" for name in common},
        )
        for i, s in enumerate(package.sources, start=1)
    )


def _excerpts(excerpts: tuple[content.Excerpt, ...]) -> list[dict]:
    return [{"quote": e.quote, "locator": e.locator, "url": e.url or ""} for e in excerpts]


def _figure_views(package: content.Package) -> dict[str, dict]:
    """What a step page shows of each figure, by id (Step.figures)."""
    return {
        f.id: {
            "key": f.id,
            "digest": hashlib.sha256(f.data).hexdigest(),
            "alt": f.alt,
            "caption": f.caption,
            "credit": f.credit,
            "long_description": f.long_description or "",
        }
        for f in package.figures
    }


def _sync_steps(lesson: Lesson, package: content.Package, figures: dict) -> dict[str, Step]:
    steps = {step.kind: step for step in lesson.steps.all()}
    for position, item in enumerate(package.steps):
        step = steps.get(item.kind) or Step(lesson=lesson, kind=item.kind)
        step.position, step.title, step.body = position, item.title, item.body or ""
        step.body_simpler = item.body_simpler or ""
        step.figures = [figures[key] for key in item.figures]
        step.shows_timeline = item.timeline
        step.minutes = step_minutes(package, item)
        step.save()
        steps[item.kind] = step
    # A step dropped from the package keeps its row while old answers point at its questions.
    kinds = {item.kind for item in package.steps}
    for kind, step in list(steps.items()):
        if kind not in kinds and not step.questions.filter(responses__isnull=False).exists():
            step.delete()
            del steps[kind]
    return steps


def _sync_quiz(lesson: Lesson, package: content.Package) -> None:
    s = package.quiz.settings
    Quiz.objects.update_or_create(
        lesson=lesson,
        defaults={
            "title": package.quiz.title,
            "attempts_allowed": s.attempts,
            "grading_method": s.grading,
            "time_limit_minutes": s.time_limit_minutes,
            "shuffle_items": s.shuffle_items,
            "shuffle_choices": s.shuffle_choices,
            "feedback_level": s.feedback,
            "show_feedback": s.show_feedback,
            "show_key": s.show_key,
        },
    )


CONTENT_FIELDS = (
    "type",
    "prompt",
    "prompt_simpler",
    "points",
    "skills",
    "feedback",
    "feedback_simpler",
    "spec",
    "fixed_order",
)


# What a question is graded on: a change to one of these after students answered is a key
# change, recorded for a regrade decision (quizzes.services.regrade).
GRADED_FIELDS = ("type", "points", "spec")


def _attempts_graded_before(old: Question, new: Question) -> int:
    """Submitted quiz attempts graded with a version of the question older than `new`."""
    return (
        Attempt.objects.filter(
            kind=Attempt.Kind.QUIZ,
            status=Attempt.Status.SUBMITTED,
            scores__question__lesson_id=old.lesson_id,
            scores__question__key=old.key,
            scores__question__version__lt=new.version,
        )
        .distinct()
        .count()
    )


def _key_change_record(old: Question, new: Question, touched: int | None = None) -> KeyChange:
    return KeyChange.objects.create(
        lesson_id=old.lesson_id,
        key=old.key,
        old_question=old,
        new_question=new,
        attempts_touched=_attempts_graded_before(old, new) if touched is None else touched,
    )


def _question_content(q: content.Question) -> dict:
    feedback = {
        name: getattr(q.feedback, name)
        for name in (GradeState.CORRECT, GradeState.PARTIAL, GradeState.INCORRECT)
        if getattr(q.feedback, name)
    }
    return {
        "type": q.type,
        "prompt": q.prompt,
        "prompt_simpler": q.prompt_simpler or "",
        "points": q.points,
        "skills": list(q.skills),
        "feedback": feedback,
        "feedback_simpler": dict(q.feedback.simpler),
        "spec": q.spec,
        "fixed_order": q.fixed_order,
    }


def _placements(package: content.Package):
    for step in package.steps:
        items = package.quiz.items if step.kind == "quiz" else step.questions
        for position, question in enumerate(items):
            yield step.kind, position, question


def _sync_questions(lesson, package, steps, result: LoadResult) -> None:
    current = {q.key: q for q in Question.objects.filter(lesson=lesson, is_current=True)}
    answered = set(
        Question.objects.filter(lesson=lesson, responses__isnull=False).values_list("pk", flat=True)
    ) | set(
        Question.objects.filter(lesson=lesson, scores__isnull=False).values_list("pk", flat=True)
    )
    # An attempt in progress lists question ids in its stored order: keep those rows.
    has_attempts = lesson.attempts.exists()
    seen = set()
    for kind, position, item in _placements(package):
        seen.add(item.id)
        wanted = _question_content(item)
        existing = current.get(item.id)
        if existing is None:
            Question.objects.create(
                lesson=lesson,
                key=item.id,
                step=steps[kind],
                position=position,
                extension=item.extension,
                **wanted,
            )
            continue
        changed = any(getattr(existing, name) != wanted[name] for name in CONTENT_FIELDS)
        if changed and existing.pk in answered:
            existing.is_current = False
            existing.save(update_fields=["is_current"])
            new = Question.objects.create(
                lesson=lesson,
                key=item.id,
                version=existing.version + 1,
                step=steps[kind],
                position=position,
                extension=item.extension,
                order_seed=existing.order_seed,  # a fixed typo does not reorder the choices
                **wanted,
            )
            result.new_versions.append(item.id)
            if any(getattr(existing, name) != wanted[name] for name in GRADED_FIELDS):
                result.key_changes.append(_key_change_record(existing, new))
            continue
        regraded_on = [n for n in GRADED_FIELDS if getattr(existing, n) != wanted[n]]
        for name, value in wanted.items():
            setattr(existing, name, value)
        existing.step, existing.position = steps[kind], position
        existing.extension = item.extension
        existing.save()
        if regraded_on and existing.version > 1:
            # Nobody answered this version yet, but older ones were: their key moved again.
            older = Question.objects.filter(
                lesson=lesson, key=item.id, version=existing.version - 1
            ).first()
            touched = _attempts_graded_before(older, existing) if older else 0
            if touched:
                result.key_changes.append(_key_change_record(older, existing, touched))
    for key, question in current.items():
        if key in seen:
            continue
        result.retired.append(key)
        if question.pk in answered or has_attempts:
            question.is_current = False
            question.save(update_fields=["is_current"])
        else:
            question.delete()
