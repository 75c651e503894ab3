"""Content invariants of the Khojaly lesson: the document is studied whole and unaltered, every
statement is classified and sourced, every item explains itself."""

from pathlib import Path

import pytest
from django.conf import settings

from authoring.package.validate import validate_package

SEED = Path(settings.BASE_DIR) / "seeds" / "khojaly"
SHARED_COPY_NAME = "000_6ab0518984b04a2b.txt"
SKILLS = {"sourcing", "contextualization", "close_reading", "fact_interpretation", "corroboration"}


@pytest.fixture(scope="module")
def package():
    report = validate_package(SEED)
    assert report.ok, "\n".join(str(e) for e in report.errors)
    return report.package


def step(package, kind):
    return next(s for s in package.steps if s.kind == kind)


def feedback_texts(value) -> list[str]:
    """Every feedback or explanation string anywhere in a spec."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key.startswith("feedback") or key == "explanation":
                found.extend([item] if isinstance(item, str) else feedback_texts(item))
            else:
                found.extend(feedback_texts(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(feedback_texts(item))
    return [text for text in found if isinstance(text, str) and text.strip()]


def test_the_document_is_the_seed_byte_for_byte():
    assert (SEED / SHARED_COPY_NAME).read_bytes().startswith(b"The Land of Fire\n")
    text = (SEED / SHARED_COPY_NAME).read_text(encoding="utf-8")
    assert "The crime should not remained without punishment." in text  # shown as it is


def test_every_sentence_appears_once_and_unaltered(package):
    sentences = package.source.sentences
    assert len({s.id for s in sentences}) == len(sentences)
    text = package.source.text
    for sentence in sentences:
        assert text.count(sentence.text) >= 1
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    rebuilt = {}
    for sentence in sentences:
        rebuilt.setdefault(sentence.paragraph, []).append(sentence.text + sentence.space_after)
    assert ["".join(parts) for parts in rebuilt.values()] == [p.strip() for p in paragraphs]


CATEGORIES = {"fact", "disputed", "unsupported", "interpretation", "opinion"}
# Sentences on which careful readers differ: discussed in fi-judgement-calls (teacher-read),
# never auto-classified, because no single key would be fair (a question, s24, has no truth
# value at all).
JUDGEMENT_CALLS = {"s6", "s14", "s24", "s27"}


def classify_items(package) -> list[dict]:
    step_questions = step(package, "fact_interpretation").questions
    classify = [q for q in step_questions if q.type == "classify"]
    assert classify
    for question in classify:
        assert {c["id"] for c in question.spec["categories"]} == CATEGORIES, question.id
    return [item for question in classify for item in question.spec["items"]]


def test_every_sentence_is_classified_or_left_to_the_discussion(package):
    classified = {item["sentence"] for item in classify_items(package) if item.get("sentence")}
    everything = {s.id for s in package.source.sentences}
    assert classified == everything - JUDGEMENT_CALLS
    discussion = next(
        q for q in step(package, "reflection").questions if q.id == "fi-judgement-calls"
    )
    assert discussion.type == "free_text"  # read by the teacher, never auto-graded
    for sentence in JUDGEMENT_CALLS:
        assert f"{sentence}:" in discussion.prompt, sentence


def test_the_cromlechs_detail_that_no_source_confirms_is_not_keyed(package):
    texts = [item.get("text") or "" for item in classify_items(package)]
    assert not any("Cromlechs" in text or "dolmens" in text for text in texts)


def test_every_checkable_statement_names_a_source_of_the_package(package):
    known = {s.id for s in package.sources} | {r.id for r in package.references}
    for item in classify_items(package):
        assert item["explanation"].strip(), item["id"]
        if item["category"] in {"fact", "disputed", "unsupported"}:
            assert item["sources"], f"{item['id']} names no source"
            assert set(item["sources"]) <= known, item["id"]


def test_every_quiz_item_has_feedback_and_skills(package):
    assert 10 <= len(package.quiz.items) <= 15  # a quiz a class can take in about 25 minutes
    assert len({q.type for q in package.quiz.items}) >= 7
    covered = set()
    for item in package.quiz.items:
        general = [item.feedback.correct, item.feedback.incorrect, item.feedback.partial]
        assert any(general) or feedback_texts(item.spec), f"{item.id} has no feedback"
        assert item.skills, item.id
        covered |= set(item.skills)
    assert covered == SKILLS


def test_every_comparison_source_has_a_citation_and_a_summary(package):
    assert len(package.sources) >= 5
    for source in package.sources:
        assert source.citation.strip(), source.id
        assert source.summary.strip(), source.id


def test_every_matrix_cell_has_a_key_and_an_explanation(package):
    matrix = next(q for q in step(package, "corroboration").questions if q.type == "matrix")
    rows = [r["id"] for r in matrix.spec["rows"]]
    columns = [c["id"] for c in matrix.spec["columns"]]
    assert len(rows) * len(columns) <= 20  # a core matrix a class finishes in about 10 minutes
    assert {"hrw-1994", "memorial-1992", "dewaal-2003", "az-official", "am-official"} <= set(
        columns
    )
    assert set(columns) <= {s.id for s in package.sources}
    categories = {c["id"] for c in matrix.spec["categories"]}
    for row in rows:
        for column in columns:
            cell = matrix.spec["cells"][row][column]
            assert cell["category"] in categories, (row, column)
            assert cell["explanation"].strip(), (row, column)


def test_the_glossary_has_at_least_twelve_terms(package):
    assert len(package.glossary) >= 12
    assert all(entry.definition.strip() for entry in package.glossary)


def test_the_reflection_has_a_scoring_guide(package):
    reflection = step(package, "reflection").questions[0]
    assert reflection.type == "free_text"
    assert len(reflection.spec["rubric"]) >= 3


def test_ordered_items_keep_their_ids(package):
    """Answers are stored against item ids: an event keeps its id while it stays, and a new
    event gets a new id (sq-bodies, which turned on how Memorial's "four days" is read, was
    replaced by sq-prosecutor)."""
    timeline = next(q for q in step(package, "context").questions if q.id == "ctx-timeline")
    assert [i["id"] for i in timeline.spec["items"]] == [
        "t-1988",
        "t-road",
        "t-ussr",
        "t-heli",
        "t-attack",
        "t-memorial",
        "t-ceasefire",
    ]
    sequence = next(q for q in package.quiz.items if q.id == "q-sequence")
    assert [i["id"] for i in sequence.spec["items"]] == [
        "sq-artillery",
        "sq-entry",
        "sq-resistance",
        "sq-reporters",
        "sq-memorial",
        "sq-prosecutor",
        "sq-hrw",
    ]


def test_sentence_selections_with_a_narrow_key_show_only_the_sentences_they_judge(package):
    """A whole-document select with right-minus-wrong scoring penalises defensible picks."""
    perspective = next(
        q for q in step(package, "perspective").questions if q.id == "pp-perspective"
    )
    part_b = perspective.spec["part_b"]["spec"]
    shown = part_b.get("within") or []
    assert shown and len(shown) < len(package.source.sentences)
    assert not {"s20", "s24", "s30"} & set(shown)  # loaded, but not the perspective key


def test_the_quiz_classifies_new_excerpts_not_statements_already_keyed_in_practice(package):
    practised = {
        item.get("text") or item["sentence"]
        for step_ in package.steps
        for question in step_.questions
        if question.type == "classify"
        for item in question.spec["items"]
    }
    for item in package.quiz.items:
        assert item.type != "matrix", item.id  # the practice matrix is not repeated
        if item.type == "classify":
            for entry in item.spec["items"]:
                assert not entry.get("sentence"), entry["id"]  # an excerpt, not the document
                assert entry["text"] not in practised, entry["id"]


def test_no_quiz_question_lacks_a_truth_value(package):
    """s24 is a question: it is discussed, never graded (the review's finding)."""
    for item in package.quiz.items:
        for entry in item.spec.get("items", []):
            if isinstance(entry, dict):
                assert entry.get("sentence") != "s24", item.id
