"""docs/lesson-format.md is what authors write packages from: keep it in step with the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from authoring.package import schema
from authoring.package.yamlload import YamlSyntaxError, load_yaml
from quizzes.types import registry

DOC = Path(__file__).resolve().parents[2] / "docs" / "lesson-format.md"
YAML_BLOCK = re.compile(r"```yaml\n(.*?)```", re.S)
MODELS = [
    model
    for model in vars(schema).values()
    if isinstance(model, type) and issubclass(model, BaseModel) and model is not schema.Model
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_doc_mentions_every_field_of_lesson_yaml(model):
    doc = DOC.read_text(encoding="utf-8")
    missing = [f for f in model.model_fields if f"`{f}`" not in doc and f"{f}:" not in doc]
    assert missing == []


def test_doc_names_every_skill_and_step_kind():
    doc = DOC.read_text(encoding="utf-8")
    assert all(f"`{key}`" in doc for key in (*schema.SKILL_KEYS, *schema.STEP_KINDS))


def test_every_yaml_example_in_the_doc_is_valid_yaml():
    blocks = YAML_BLOCK.findall(DOC.read_text(encoding="utf-8"))
    assert len(blocks) > 10
    broken = []
    for block in blocks:
        try:
            load_yaml(block)
        except YamlSyntaxError as exc:
            broken.append(f"{block.splitlines()[0]!r}, line {exc.line}: {exc.message}")
    assert broken == []


def test_every_question_type_example_in_the_doc_is_a_valid_spec():
    doc = DOC.read_text(encoding="utf-8")
    section = doc.split("### Question types and their `spec`")[1].split("\n## ")[0]
    checked = set()
    for entry in section.split("\n**`")[1:]:
        key = entry.split("`", 1)[0]
        for block in YAML_BLOCK.findall(entry):
            # A block may show several alternative specs, each starting at "spec:".
            for example in re.split(r"\n(?=spec:)", block.strip()):
                registry.get(key).parse_spec(load_yaml(example).data["spec"])
                checked.add(key)
    # multiple_choice shares single_choice's example.
    assert checked | {"multiple_choice"} == set(registry.keys())
