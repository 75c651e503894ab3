"""For any small valid lesson: zip → unzip → validate → load → export gives the same bytes.

The lessons are generated from a minimal package: a document of N sentences, a few of the
optional steps with an activity or two, and a quiz of items of several question types."""

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from authoring.imports import lesson_import_files
from authoring.package.files import (
    package_files_from_zip,
    package_files_to_zip,
    package_files_validate,
)
from authoring.selectors import lesson_package_files
from lessons.models import Lesson

pytestmark = pytest.mark.django_db

WORDS = ["river", "bridge", "town", "paper", "council", "ferry", "crowd", "mayor", "toll", "road"]
SKILLS = ["sourcing", "close_reading", "corroboration"]
OPTIONAL_STEPS = ["context", "sourcing", "close_reading", "perspective"]

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)


@st.composite
def sentences(draw) -> list[str]:
    count = draw(st.integers(min_value=2, max_value=8))  # a select keys some, not all
    return [f"The {draw(words)} {draw(words)}." for _ in range(count)]


@st.composite
def question(draw, key: str, sentence_count: int) -> dict:
    kind = draw(
        st.sampled_from(
            ["true_false", "single_choice", "multiple_choice", "select", "short_text", "numeric"]
        )
    )
    ids = [f"c{i}" for i in range(draw(st.integers(min_value=2, max_value=4)))]
    # Each spec names its question, so no quiz item repeats an activity (which is refused).
    if kind == "true_false":
        spec = {"answer": draw(st.booleans()), "feedback_true": f"See {key}."}
    elif kind in ("single_choice", "multiple_choice"):
        right = draw(
            st.sets(
                st.sampled_from(ids),
                min_size=1,
                max_size=1 if kind == "single_choice" else len(ids) - 1,
            )
        )
        spec = {
            "choices": [
                {
                    "id": i,
                    "text": f"{key}: the {draw(words)}",
                    **({"correct": True} if i in right else {}),
                }
                for i in ids
            ]
        }
    elif kind == "select":
        chosen = draw(st.integers(min_value=1, max_value=sentence_count))
        spec = {"unit": "sentence", "key": [f"s{chosen}"], "feedback": {f"s{chosen}": key}}
    elif kind == "short_text":
        spec = {"accepted": [draw(words), key]}
    else:
        spec = {"answer": draw(st.integers(min_value=-1000, max_value=1000)), "unit": key}
    return {
        "id": key,
        "type": kind,
        "prompt": f"What about the {draw(words)}?",
        "points": draw(st.integers(min_value=1, max_value=5)),
        "skills": [draw(st.sampled_from(SKILLS))],
        "spec": spec,
    }


@st.composite
def packages(draw) -> dict[str, bytes]:
    document = draw(sentences())
    count = len(document)
    kinds = draw(st.lists(st.sampled_from(OPTIONAL_STEPS), unique=True, max_size=3))
    steps = []
    for kind in [k for k in OPTIONAL_STEPS if k in kinds]:
        activities = [
            draw(question(f"{kind}-{i}", count))
            for i in range(draw(st.integers(min_value=0, max_value=2)))
        ]
        steps.append({"kind": kind, "title": draw(words).capitalize(), "activities": activities})
    steps.append({"kind": "quiz", "title": "Quiz"})
    items = [
        draw(question(f"q{i}", count)) for i in range(draw(st.integers(min_value=1, max_value=5)))
    ]
    lesson = {
        "format": 1,
        "slug": "generated",
        "version": draw(st.integers(min_value=1, max_value=9)),
        "title": draw(words).capitalize(),
        "summary": "A generated lesson.",
        "objectives": ["Read a source."],
        "skills": SKILLS,
        "source": {
            "file": "document.txt",
            "title": "A document",
            "type": "Report",
            "citation": "A document, no date.",
        },
        "steps": steps,
        "quiz": {"items": items},
        "teacher_guide": {"overview": "Read it together."},
    }
    text = draw(st.sampled_from([" ", "\n\n"])).join(document) + "\n"
    return {
        "lesson.yaml": yaml.safe_dump(lesson, sort_keys=False, allow_unicode=True).encode(),
        "document.txt": text.encode(),
    }


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=packages())
def test_a_generated_lesson_round_trips_through_its_zip_byte_for_byte(files):
    exported = package_files_to_zip(files)
    unzipped = package_files_from_zip(exported)
    assert package_files_validate(unzipped) == []

    lesson_import_files(unzipped, actor=None)

    lesson = Lesson.objects.get(slug="generated")
    assert package_files_to_zip(lesson_package_files(lesson)) == exported
    lesson.delete()  # the next example starts from an empty database
