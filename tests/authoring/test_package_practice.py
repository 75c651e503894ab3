"""A quiz item must not repeat a lesson activity: activities give instant feedback and take
retries, so the practice would hand over the quiz's key before the quiz. Copies of the example
package, edited as text; no database."""

from __future__ import annotations

PRACTISED = """      - id: {id}
        type: true_false
        prompt: {prompt}
        skills: [contextualization]
        spec:
          answer: true
          feedback_true: Yes. The ferry carried its last passengers the day before the opening.
          feedback_false: Read the background again; the bridge replaced a ferry.
"""
FERRY = "Before May 1911, people crossed the Alder River at Millbrook by ferry."


def add_quiz_item(example_copy, prompt: str) -> None:
    item = PRACTISED.format(id="q-ferry-again", prompt=prompt).replace("\n      ", "\n    ")
    anchor = "    show_key: after_due\n  items:\n"
    example_copy.edit(anchor, anchor + item[2:])


def test_a_quiz_item_that_repeats_an_activity_is_reported(example_copy):
    add_quiz_item(example_copy, "Was the river crossed by ferry before the bridge?")
    [(line, path, message)] = example_copy.errors()
    assert path == "quiz.items[0].spec"
    assert line == example_copy.line("prompt: Was the river crossed") + 2  # its spec
    assert message.startswith("asks what activity 'ctx-ferry' asks: students practise that one")


def test_the_example_package_keeps_its_practice_apart_from_its_quiz(example_copy):
    assert example_copy.errors() == []
