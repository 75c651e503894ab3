"""Loading the optional package features: parts and the timeline on the lesson, figures as rows
served later, excerpts on every source, both reading levels, extensions, and the minutes the
loader estimates for each step with the documented formula."""

import hashlib
import math
import shutil

import pytest

from authoring.package import validate_package
from authoring.package.minutes import WORDS_PER_MINUTE, step_minutes, word_count
from authoring.services import lesson_packages_load
from lessons.models import Figure, Lesson, Source, Step
from lessons.parts import lesson_minutes, lesson_parts
from quizzes.models import Question
from quizzes.types import registry
from tests.conftest import EXAMPLE_PACKAGE

pytestmark = pytest.mark.django_db


def test_parts_and_the_timeline_are_stored_on_the_lesson(example_lesson):
    assert [p["steps"] for p in example_lesson.parts] == [
        ["context", "sourcing", "close_reading", "perspective"],
        ["fact_interpretation", "corroboration", "quiz", "reflection"],
    ]
    assert [e["date"] for e in example_lesson.timeline] == ["1908", "1911-03-14", "1911-05-04"]
    assert example_lesson.timeline[0]["label"] == "1908"  # no label: the date as written


def test_a_figure_is_stored_with_its_file_and_named_by_the_steps_that_show_it(example_lesson):
    figure = Figure.objects.get(lesson=example_lesson, key="millbrook-map")
    data = (EXAMPLE_PACKAGE / "figures" / "millbrook-map.svg").read_bytes()
    assert bytes(figure.data) == data
    assert figure.digest == hashlib.sha256(data).hexdigest()
    context = Step.objects.get(lesson=example_lesson, kind="context")
    assert [f["key"] for f in context.figures] == ["millbrook-map"]
    assert context.figures[0]["alt"] == figure.alt
    assert context.shows_timeline is True


def test_excerpts_levels_and_extensions_are_stored(example_lesson):
    minutes = Source.objects.get(lesson=example_lesson, key="council-minutes")
    assert minutes.excerpts[0] == {
        "quote": "About 1,200 persons attended the opening of the bridge.",
        "locator": "Minutes of 8 May 1911, item 2",
        "url": "",
    }
    main = Source.objects.get(lesson=example_lesson, kind=Source.Kind.MAIN)
    assert main.excerpts[0]["locator"] == "p. 1, last paragraph"
    context = Step.objects.get(lesson=example_lesson, kind="context")
    assert context.body.startswith("Until 1911")
    assert context.body_for("simpler").startswith("Before 1911")
    sourcing = Step.objects.get(lesson=example_lesson, kind="sourcing")
    assert sourcing.body_for("simpler") == sourcing.body  # one text serves both levels
    river = Question.objects.get(lesson=example_lesson, key="cr-river")
    assert river.prompt_for("simpler") == "What is the name of the river under the new bridge?"
    assert river.prompt_for("standard").startswith("Which river")
    assert Question.objects.get(lesson=example_lesson, key="ctx-timeline").extension is True
    assert Question.objects.get(lesson=example_lesson, key="ctx-ferry").extension is False


def test_minutes_follow_the_documented_formula(example_lesson):
    package = validate_package(EXAMPLE_PACKAGE).package
    step = package.steps[0]  # context: body, a figure, the timeline, two activities
    ferry, timeline = step.questions
    shown = word_count(
        package.figures[0].caption, *(f"{e.title} {e.text}" for e in package.timeline)
    )
    words = word_count(step.body, ferry.prompt) + shown
    core = words / WORDS_PER_MINUTE["standard"] * 60 + registry.get("true_false").seconds_per_item
    order = registry.get("order")
    extension = word_count(timeline.prompt) / WORDS_PER_MINUTE["standard"] * 60 + (
        order.seconds_per_item * len(timeline.spec["items"])
    )
    expected = {"core": math.ceil(core / 60), "extension": math.ceil(extension / 60)}
    assert step_minutes(package, step)["standard"] == expected
    stored = Step.objects.get(lesson=example_lesson, kind="context")
    assert stored.minutes["standard"] == expected
    assert set(stored.minutes) == {"standard", "simpler"}


def test_a_question_types_seconds_grow_with_its_items():
    classify = registry.get("classify")
    spec = classify.parse_spec(
        {
            "categories": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}],
            "items": [{"id": f"i{n}", "text": "x", "category": "a"} for n in range(6)],
        }
    )
    assert classify.seconds(spec) == 6 * classify.seconds_per_item
    assert registry.get("free_text").seconds(registry.get("free_text").parse_spec({})) == 600


def test_parts_total_their_steps_minutes(example_lesson):
    steps = list(Step.objects.filter(lesson=example_lesson).order_by("position"))
    parts = lesson_parts(example_lesson, steps)
    assert [p.title for p in parts] == ["Period 1: the source", "Period 2: checking it"]
    assert parts[0].core == sum(s.minutes["standard"]["core"] for s in steps[:4])
    assert parts[0].extension > 0
    assert lesson_minutes(parts) == (
        sum(s.minutes["standard"]["core"] for s in steps),
        sum(s.minutes["standard"]["extension"] for s in steps),
    )
    simpler = lesson_parts(example_lesson, steps, "simpler")
    assert lesson_minutes(simpler)[0] >= lesson_minutes(parts)[0]  # a slower reading pace


def test_a_lesson_without_parts_is_one_part(tmp_path):
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE_PACKAGE, folder)
    path = folder / "lesson.yaml"
    text = path.read_text()
    path.write_text(text[: text.index("parts:\n")] + text[text.index("steps:\n  - kind") :])
    lesson_packages_load(paths=[folder])
    lesson = Lesson.objects.get(slug="millbrook-bridge-1911")
    [part] = lesson_parts(lesson, lesson.steps.order_by("position"))
    assert part.title == lesson.title
    assert len(part.steps) == 8
