"""validate_package on the example package and on broken copies of it.

No test here is marked for database access: pytest-django fails any test that touches the
database without the marker, so passing them proves validation never does.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from authoring.package import PackageError, find_packages, validate_package
from authoring.package.schema import STEP_KINDS
from quizzes.types import registry

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "packages" / "example"

# --- the example package ------------------------------------------------------------------


def test_example_package_is_valid():
    report = validate_package(EXAMPLE)
    assert [str(e) for e in report.errors] == []
    assert report.ok
    assert report.package is not None


def test_example_package_uses_every_step_kind_in_order_and_every_question_type():
    package = validate_package(EXAMPLE).package
    assert package is not None
    assert tuple(step.kind for step in package.steps) == STEP_KINDS
    assert {q.type for q in package.questions()} == set(registry.keys())
    select_units = {q.spec["unit"] for q in package.questions() if q.type == "select"}
    assert select_units == {"sentence", "word"}
    assert len(package.quiz.items) == 8
    assert len(package.sources) == 2


def test_package_is_a_frozen_dataclass_tree_with_json_specs():
    package = validate_package(EXAMPLE).package
    assert package is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        package.slug = "other"  # type: ignore[misc]
    assert isinstance(package.steps, tuple)
    assert isinstance(package.source.known, tuple)
    for question in package.questions():
        assert json.loads(json.dumps(question.spec)) == question.spec


def test_prepared_specs_carry_the_document_text_they_need():
    package = validate_package(EXAMPLE).package
    assert package is not None
    questions = {q.id: q for q in package.questions()}
    options = questions["cr-county"].spec["options"]
    assert [o["id"] for o in options] == ["s3", "s4", "s5"]
    assert options[1]["text"].startswith("The bridge is 240 feet long")
    items = {i["id"]: i for i in questions["fi-statements"].spec["items"]}
    assert items["finer"]["text"] == (
        "No finer piece of engineering stands in the whole of the valley."
    )
    # A prepared spec reads back as the same spec.
    qt = registry.get("select")
    assert qt.dump_spec(qt.parse_spec(questions["pv-loaded"].spec)) == questions["pv-loaded"].spec


def test_sentences_rebuild_the_document_with_their_white_space():
    package = validate_package(EXAMPLE).package
    assert package is not None
    sentences = package.source.sentences
    assert [s.id for s in sentences] == [f"s{n}" for n in range(1, 13)]
    assert sentences[6].text.startswith("Mr. Harlow declared")  # no_break_after: ["Mr."]
    paragraphs: dict[int, str] = {}
    for s in sentences:
        paragraphs[s.paragraph] = paragraphs.get(s.paragraph, "") + s.text + s.space_after
    assert "\n\n".join(paragraphs.values()) == package.source.text.strip()


def test_error_renders_as_file_line_path_message():
    error = PackageError(
        "seeds/khojaly/lesson.yaml", 120, "quiz.items[3].key", "unknown sentence 's99'"
    )
    assert str(error) == "seeds/khojaly/lesson.yaml:120: quiz.items[3].key: unknown sentence 's99'"
    assert PackageError("a/lesson.yaml", 3, "", "bad").render("b.yaml") == "b.yaml:3: bad"
    assert (
        str(PackageError("a/lesson.yaml", None, "", "no lesson.yaml"))
        == "a/lesson.yaml: no lesson.yaml"
    )


# --- one mistake each ---------------------------------------------------------------------


def test_bad_yaml_is_reported_alone_with_its_line(example_copy):
    example_copy.edit("    title: Who made this source?", "    title: Who made: this source?")
    report = example_copy.validate()
    assert report.package is None
    [error] = report.errors
    assert error.file == str(example_copy.yaml)
    assert error.line == example_copy.line("Who made: this source?")
    assert error.path == ""
    assert "mapping values are not allowed here" in error.message


def test_missing_field_is_reported_on_the_mapping_that_lacks_it(example_copy):
    example_copy.edit("    title: Before the bridge\n", "")
    assert example_copy.errors() == [
        (example_copy.line("- kind: context"), "steps[0]", "missing field 'title'")
    ]


def test_unknown_key_is_named_with_a_suggestion_and_the_allowed_keys(example_copy):
    example_copy.edit("        prompt: Before May 1911", "        promt: Before May 1911")
    line = example_copy.line("promt: Before May 1911")
    assert example_copy.errors() == [
        (example_copy.line("- id: ctx-ferry"), "steps[0].activities[0]", "missing field 'prompt'"),
        (
            line,
            "steps[0].activities[0]",
            "unknown key 'promt': did you mean 'prompt'? "
            "(allowed: id, type, prompt, points, skills, feedback, fixed_order, extension, spec)",
        ),
    ]


def test_unknown_key_in_a_spec_lists_the_spec_fields(example_copy):
    example_copy.edit("          unit: feet", "          units: feet")
    assert example_copy.errors() == [
        (
            example_copy.line("units: feet"),
            "steps[2].activities[1].spec",
            "unknown key 'units': did you mean 'unit'? "
            "(allowed: answer, tolerance, tolerance_percent, unit)",
        )
    ]


def test_wrong_type_says_what_was_found(example_copy):
    example_copy.edit("      points: 3\n", "      points: three\n")
    assert example_copy.errors() == [
        (
            example_copy.line("points: three"),
            "quiz.items[4].points",
            "Input should be a valid integer (got 'three')",
        )
    ]


def test_unknown_question_type_is_reported_on_its_type_line(example_copy):
    example_copy.edit("        type: true_false", "        type: true_or_false")
    [(line, path, message)] = example_copy.errors()
    assert (line, path) == (example_copy.line("type: true_or_false"), "steps[0].activities[0].type")
    assert message.startswith("unknown question type 'true_or_false': did you mean 'true_false'?")
    assert "(known: classify, free_text, match," in message


def test_dangling_sentence_id_is_reported_at_the_key(example_copy):
    example_copy.edit("          key: [s4]", "          key: [s99]")
    assert example_copy.errors() == [
        (
            example_copy.line("key: [s99]"),
            "steps[2].activities[2].spec.key[0]",
            "unknown sentence 's99' (the document has s1 to s12)",
        )
    ]


def test_span_text_that_is_not_in_its_sentence_is_reported(example_copy):
    example_copy.edit("{sentence: s9, text: grumbled}", "{sentence: s9, text: grumbles}")
    assert example_copy.errors() == [
        (
            example_copy.line("text: grumbles"),
            "steps[3].activities[1].spec.key[0].text",
            "text does not occur in sentence 's9'",
        )
    ]


def test_dangling_source_id_in_a_spec_is_reported(example_copy):
    example_copy.edit(
        "              explanation: The petitioners disagreed [@ferry-petition].\n"
        "              sources: [ferry-petition]",
        "              explanation: The petitioners disagreed [@ferry-petition].\n"
        "              sources: [ferry-petitions]",
    )
    assert example_copy.errors() == [
        (
            example_copy.line("sources: [ferry-petitions]"),
            "steps[4].activities[0].spec.items[3].sources[0]",
            "unknown source 'ferry-petitions'",
        )
    ]


def test_dangling_citation_is_reported_on_its_own_line_inside_a_block(example_copy):
    example_copy.edit(
        "campaigned for such projects [@mhs-1952].", "campaigned for such projects [@mhs-1925]."
    )
    assert example_copy.errors() == [
        (
            example_copy.line("[@mhs-1925]"),
            "steps[0].body.standard",
            "cites unknown reference 'mhs-1925': did you mean 'mhs-1952'? "
            "(known: council-minutes, ferry-petition, mhs-1952, wineburg-2001)",
        )
    ]


def test_citations_are_checked_in_every_prose_field_including_specs(example_copy):
    example_copy.edit(
        "The petitioners disagreed [@ferry-petition].", "The petitioners disagreed [@petition]."
    )
    [(line, path, message)] = example_copy.errors()
    assert (line, path) == (
        example_copy.line("[@petition]"),
        "steps[4].activities[0].spec.items[3].explanation",
    )
    assert message.startswith("cites unknown reference 'petition'")


def test_several_ids_in_one_citation_are_reported_not_left_as_text(example_copy):
    example_copy.edit("[@wineburg-2001]", "[@wineburg-2001; @mhs-1952]")
    [(line, path, message)] = example_copy.errors()
    assert (line, path) == (
        example_copy.line("[@wineburg-2001; @mhs-1952]"),
        "teacher_guide.overview",
    )
    assert message.startswith("cites unknown reference 'wineburg-2001; @mhs-1952'")


def test_citable_ids_use_hyphens_only(example_copy):
    example_copy.edit("  - id: mhs-1952", "  - id: mhs_1952")
    errors = example_copy.errors()
    assert errors[0] == (
        example_copy.line("- id: mhs_1952"),
        "references[0].id",
        "'mhs_1952' is not a valid id: use lowercase letters and digits, joined by single hyphens",
    )


def test_duplicate_question_id_names_the_first_line(example_copy):
    example_copy.edit("    - id: q-toll", "    - id: q-purpose")
    lines = example_copy.lines_with("- id: q-purpose")
    assert example_copy.errors() == [
        (
            lines[1],
            "quiz.items[5].id",
            f"duplicate question id 'q-purpose' (first on line {lines[0]})",
        )
    ]


def test_ids_written_as_numbers_are_compared_as_text(example_copy):
    example_copy.edit("    - id: q-purpose", "    - id: 7")
    example_copy.edit("    - id: q-toll", "    - id: 7")
    lines = example_copy.lines_with("- id: 7")
    assert example_copy.errors() == [
        (lines[1], "quiz.items[5].id", f"duplicate question id '7' (first on line {lines[0]})")
    ]


def test_references_and_sources_share_one_id_namespace(example_copy):
    example_copy.edit("  - id: wineburg-2001", "  - id: council-minutes")
    example_copy.edit("[@wineburg-2001]", "[@council-minutes]")
    lines = example_copy.lines_with("- id: council-minutes")
    assert example_copy.errors() == [
        (lines[1], "sources[1].id", f"duplicate id 'council-minutes' (first on line {lines[0]})")
    ]


def test_glossary_terms_and_aliases_are_unique_ignoring_case(example_copy):
    example_copy.edit("    aliases: [ferries]", "    aliases: [Ferry]")
    assert example_copy.errors() == [
        (
            example_copy.line("aliases: [Ferry]"),
            "glossary[0].aliases[0]",
            f"duplicate glossary term 'Ferry' (first on line {example_copy.line('- term: ferry')})",
        )
    ]


def test_bad_spec_reports_the_type_s_own_rule(example_copy):
    example_copy.edit(
        "              text: Mayor Harlow\n",
        "              text: Mayor Harlow\n              correct: true\n",
    )
    assert example_copy.errors() == [
        (
            example_copy.line("- id: courier") - 1,  # the line of "choices:"
            "steps[1].activities[0].spec.choices",
            "exactly one choice must be correct (found 2)",
        )
    ]


def test_errors_inside_a_nested_spec_keep_their_path(example_copy):
    example_copy.edit("            key: [s10]", "            key: [s42]")
    assert example_copy.errors() == [
        (
            example_copy.line("key: [s42]"),
            "quiz.items[7].spec.part_b.spec.key[0]",
            "unknown sentence 's42' (the document has s1 to s12)",
        )
    ]


def test_question_skill_must_be_among_the_lesson_skills(example_copy):
    example_copy.edit(
        "skills: [sourcing, contextualization, close_reading, fact_interpretation, corroboration]",
        "skills: [sourcing, contextualization, close_reading, corroboration]",
    )
    errors = example_copy.errors()
    paths = [path for _, path, _ in errors]
    assert paths == [
        "standards[1].skills[0]",
        "steps[4].activities[0].skills[0]",
        "quiz.items[1].skills[0]",
        "quiz.items[7].skills[0]",
    ]
    assert all(
        m.startswith("skill 'fact_interpretation' is not among the lesson's skills")
        for _, _, m in errors
    )


def test_unknown_skill_key_is_a_schema_error(example_copy):
    example_copy.edit(
        "        skills: [contextualization]\n        spec:\n          answer: true",
        "        skills: [context]\n        spec:\n          answer: true",
    )
    [(line, path, message)] = example_copy.errors()
    assert (line, path) == (
        example_copy.line("skills: [context]"),
        "steps[0].activities[0].skills[0]",
    )
    assert message.startswith("Input should be 'sourcing', 'contextualization'")


def test_steps_out_of_order_are_reported(example_copy):
    example_copy.edit("  - kind: context", "  - kind: SOURCING")
    example_copy.edit("  - kind: sourcing", "  - kind: context")
    example_copy.edit("  - kind: SOURCING", "  - kind: sourcing")
    [(line, path, message)] = example_copy.errors()
    assert (line, path) == (example_copy.line("- kind: context"), "steps[1].kind")
    assert message.startswith("step 'context' is out of order")


def test_a_step_kind_twice_is_reported(example_copy):
    example_copy.edit("  - kind: perspective", "  - kind: close_reading")
    lines = example_copy.lines_with("- kind: close_reading")
    assert example_copy.errors() == [
        # The parts still name the step that is gone.
        (
            example_copy.line("steps: [context, sourcing, close_reading, perspective]"),
            "parts[0].steps[3]",
            "no step 'perspective' in this lesson",
        ),
        (
            lines[1],
            "steps[3].kind",
            f"step 'close_reading' appears twice (first on line {lines[0]})",
        ),
    ]


def test_quiz_step_is_required(example_copy):
    example_copy.edit("  - kind: quiz\n", "  - kind: corroboration\n")
    example_copy.edit(
        "  - kind: corroboration\n    title: Check",
        "  - kind: fact_interpretation\n    title: Check",
    )
    lines = example_copy.lines_with("- kind: fact_interpretation")
    steps_line = example_copy.lines_with("steps:")[-1]  # the top level's, after the parts'
    assert example_copy.errors() == [
        (
            example_copy.line("steps: [fact_interpretation, corroboration, quiz, reflection]"),
            "parts[1].steps[2]",
            "no step 'quiz' in this lesson",
        ),
        (steps_line, "steps", "no 'quiz' step: it places the quiz in the lesson"),
        (
            lines[1],
            "steps[5].kind",
            f"step 'fact_interpretation' appears twice (first on line {lines[0]})",
        ),
    ]


def test_quiz_step_with_activities_is_reported(example_copy):
    example_copy.edit(
        "  - kind: quiz\n    title: Quiz\n",
        "  - kind: quiz\n    title: Quiz\n    activities:\n"
        "      - {id: extra, type: true_false, prompt: P, skills: [sourcing],\n"
        "         spec: {answer: true}}\n",
    )
    assert example_copy.errors() == [
        (
            example_copy.line("- kind: quiz") + 2,
            "steps[6].activities",
            "the quiz step has no activities: quiz questions go in quiz.items",
        )
    ]


def test_quiz_settings_values_are_checked(example_copy):
    example_copy.edit("    grading: highest", "    grading: best")
    example_copy.edit("    attempts: 2", "    attempts: -1")
    assert example_copy.errors() == [
        (
            example_copy.line("attempts: -1"),
            "quiz.settings.attempts",
            "Input should be greater than or equal to 0 (got -1)",
        ),
        (
            example_copy.line("grading: best"),
            "quiz.settings.grading",
            "Input should be 'highest', 'last', 'first' or 'average' (got 'best')",
        ),
    ]


def test_duplicate_yaml_key_is_reported_not_silently_overwritten(example_copy):
    example_copy.edit(
        "    title: Before the bridge\n", "    title: Before the bridge\n    title: Again\n"
    )
    first = example_copy.line("title: Before the bridge")
    assert example_copy.errors() == [
        (
            example_copy.line("title: Again"),
            "steps[0]",
            f"duplicate key 'title' (first on line {first})",
        )
    ]


# --- the main source file -----------------------------------------------------------------


def test_missing_main_source_file_is_reported_at_source_file(example_copy):
    example_copy.edit("  file: courier-1911.txt", "  file: courier-1912.txt")
    assert example_copy.errors() == [
        (
            example_copy.line("file: courier-1912.txt"),
            "source.file",
            "file 'courier-1912.txt' not found beside lesson.yaml",
        )
    ]


def test_main_source_must_be_a_file_inside_the_package(example_copy):
    (example_copy.folder.parent / "outside.txt").write_text("It exists. But not here.")
    example_copy.edit("  file: courier-1911.txt", "  file: ../outside.txt")
    assert example_copy.errors() == [
        (
            example_copy.line("file: ../outside.txt"),
            "source.file",
            "'../outside.txt' must be a file inside the package folder",
        )
    ]


def test_main_source_that_is_not_utf8_is_reported_in_that_file_with_its_line(example_copy):
    document = example_copy.folder / "courier-1911.txt"
    document.write_bytes(b"Title\n\nGood line.\nBad \xff byte.\n")
    [error] = example_copy.validate().errors
    assert (error.file, error.line, error.path) == (str(document), 4, "")
    assert error.message == "not UTF-8 text (byte 0xff); save the file as UTF-8"


def test_empty_main_source_is_reported(example_copy):
    (example_copy.folder / "courier-1911.txt").write_text("  \n\n", encoding="utf-8")
    assert example_copy.errors() == [
        (example_copy.line("file: courier-1911.txt"), "source.file", "'courier-1911.txt' is empty")
    ]


def test_segmentation_override_that_matches_nothing_is_reported(example_copy):
    example_copy.edit('    no_break_after: ["Mr."]', '    no_break_after: ["Mr.", "Dr."]')
    assert example_copy.errors() == [
        (
            example_copy.line('no_break_after: ["Mr.", "Dr."]'),
            "source.segmentation.no_break_after[1]",
            "'Dr.' does not occur in the document",
        )
    ]


def test_sentences_are_reported_even_when_the_package_has_errors(example_copy):
    example_copy.edit("          key: [s4]", "          key: [s99]")
    report = example_copy.validate()
    assert report.package is None
    assert len(report.sentences) == 12


# --- everything at once -------------------------------------------------------------------


def test_several_mistakes_are_all_reported_in_one_run_sorted_by_line(example_copy):
    example_copy.edit("version: 1\n", "version: one\n")  # wrong type
    example_copy.edit("    title: Who made this source?\n", "")  # missing field
    example_copy.edit(
        "        prompt: Before May 1911", "        question: Before May 1911"
    )  # unknown key
    example_copy.edit("        type: true_false", "        type: yes_no")  # unknown type
    example_copy.edit("          key: [s4]", "          key: [s99]")  # dangling sentence
    example_copy.edit("[@wineburg-2001]", "[@wineburg-2002]")  # dangling citation
    example_copy.edit("    - id: q-toll", "    - id: q-purpose")  # duplicate id
    example_copy.edit("          answer: 240", "          answer: lots")  # bad spec
    example_copy.edit(
        "minutes: {category: agrees, sources: [council-minutes]}\n            crowd",
        "minutes: {category: agrees, sources: [minutes]}\n            crowd",
    )  # dangling source
    purpose = example_copy.lines_with("- id: q-purpose")
    errors = example_copy.errors()
    assert errors == sorted(errors, key=lambda e: e[0] or 0)
    assert [(line, path) for line, path, _ in errors] == [
        (example_copy.line("version: one"), "version"),
        (example_copy.line("- id: ctx-ferry"), "steps[0].activities[0]"),
        (example_copy.line("type: yes_no"), "steps[0].activities[0].type"),
        (example_copy.line("question: Before May 1911"), "steps[0].activities[0]"),
        (example_copy.line("- kind: sourcing"), "steps[1]"),
        (example_copy.line("answer: lots"), "steps[2].activities[1].spec.answer"),
        (example_copy.line("key: [s99]"), "steps[2].activities[2].spec.key[0]"),
        (
            example_copy.line("sources: [minutes]"),
            "steps[5].activities[0].spec.cells.cost.minutes.sources[0]",
        ),
        (purpose[1], "quiz.items[5].id"),
        (example_copy.line("[@wineburg-2002]"), "teacher_guide.overview"),
    ]
    messages = [message for _, _, message in errors]
    assert messages[1] == "missing field 'prompt'"
    assert messages[2].startswith("unknown question type 'yes_no'")
    assert messages[3].startswith("unknown key 'question'")
    assert messages[4] == "missing field 'title'"
    assert messages[6] == "unknown sentence 's99' (the document has s1 to s12)"


EXAMPLE_LINES = (EXAMPLE / "lesson.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
VALUES = [
    "",
    "x",
    "1",
    "-1",
    "2.5",
    "null",
    "[]",
    "{}",
    "[s99]",
    "true",
    "'a: b'",
    "[@nope]",
    "- a",
]
mangles = st.lists(
    st.tuples(
        st.integers(0, len(EXAMPLE_LINES) - 1),
        st.sampled_from(["delete", "repeat", "replace value"]),
        st.sampled_from(VALUES),
    ),
    min_size=1,
    max_size=3,
)


@settings(max_examples=60, deadline=None)
@given(mangles)
def test_validation_never_crashes_on_a_mangled_package(tmp_path_factory, edits):
    folder = tmp_path_factory.mktemp("mangled")
    shutil.copy(EXAMPLE / "courier-1911.txt", folder)
    lines = list(EXAMPLE_LINES)
    for index, edit, value in edits:
        index = min(index, len(lines) - 1)
        if edit == "delete":
            del lines[index]
        elif edit == "repeat":
            lines.insert(index, lines[index])
        elif ":" in lines[index]:
            lines[index] = f"{lines[index].split(':', 1)[0]}: {value}\n"
    (folder / "lesson.yaml").write_text("".join(lines), encoding="utf-8")
    report = validate_package(folder)
    assert (report.package is None) == bool(report.errors)
    for error in report.errors:
        assert error.line is None or 1 <= error.line <= len(lines) + 1


# --- finding packages ---------------------------------------------------------------------


def test_find_packages_accepts_a_package_its_lesson_yaml_or_a_folder_of_packages(tmp_path: Path):
    for name in ("b-lesson", "a-lesson"):
        (tmp_path / "seeds" / name).mkdir(parents=True)
        (tmp_path / "seeds" / name / "lesson.yaml").write_text("format: 1\n")
    (tmp_path / "seeds" / "notes").mkdir()
    seeds = tmp_path / "seeds"
    assert find_packages([seeds]) == [seeds / "a-lesson", seeds / "b-lesson"]
    assert find_packages([seeds / "b-lesson"]) == [seeds / "b-lesson"]
    assert find_packages([seeds / "b-lesson" / "lesson.yaml", seeds]) == [
        seeds / "b-lesson",
        seeds / "a-lesson",
    ]


def test_a_folder_without_a_package_is_returned_and_reported(tmp_path: Path):
    [folder] = find_packages([tmp_path])
    assert folder == tmp_path
    [error] = validate_package(folder).errors
    assert error.file == str(tmp_path / "lesson.yaml")
    assert error.line is None
    assert error.message.startswith("not a lesson package")
