"""Items as Moodle XML (https://docs.moodle.org/en/Moodle_XML_format): multichoice, truefalse,
shortanswer, numerical, matching and essay, the core types every Moodle since 2.0 imports.
Texts are Source Lab's Markdown, written with format="markdown", which Moodle renders."""

from decimal import Decimal
from fractions import Fraction
from xml.etree import ElementTree as ET

from .. import items as it

KINDS = {
    "choice": "multichoice",
    "true_false": "truefalse",
    "short": "shortanswer",
    "numeric": "numerical",
    "matching": "matching",
    "essay": "essay",
}


def percent(fraction: Fraction) -> str:
    """Moodle's fraction attribute: a percentage with at most 7 significant decimals."""
    value = Decimal(fraction.numerator * 100) / Decimal(fraction.denominator)
    text = f"{value.quantize(Decimal('0.00001')):f}".rstrip("0").rstrip(".")
    return text or "0"


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "markdown") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = value
    return element


def _answer(parent: ET.Element, answer: it.Answer, fmt: str | None = "markdown") -> None:
    element = ET.SubElement(parent, "answer", {"fraction": percent(answer.fraction)})
    if fmt:
        element.set("format", fmt)
    ET.SubElement(element, "text").text = answer.text
    _text(element, "feedback", answer.feedback)


def question_element(item: it.Item) -> ET.Element:
    kind = KINDS[item.kind]
    question = ET.Element("question", {"type": kind})
    _text(question, "name", item.key, fmt=None)
    _text(question, "questiontext", item.prompt)
    ET.SubElement(question, "defaultgrade").text = percent(item.points / 100)
    ET.SubElement(question, "penalty").text = "0"
    ET.SubElement(question, "hidden").text = "0"
    if kind == "multichoice":
        ET.SubElement(question, "single").text = "true" if item.single else "false"
        ET.SubElement(question, "shuffleanswers").text = "true"
        ET.SubElement(question, "answernumbering").text = "abc"
        for answer in item.answers:
            _answer(question, answer)
    elif kind == "truefalse":
        for answer in item.answers:
            _answer(question, answer, fmt="moodle_auto_format")
    elif kind == "shortanswer":
        ET.SubElement(question, "usecase").text = "1" if item.case_sensitive else "0"
        for answer in item.answers:
            _answer(question, answer, fmt="moodle_auto_format")
    elif kind == "numerical":
        [answer] = item.answers
        element = ET.SubElement(question, "answer", {"fraction": "100"})
        ET.SubElement(element, "text").text = answer.text
        ET.SubElement(element, "tolerance").text = f"{item.tolerance:f}"
        _text(element, "feedback", "")
    elif kind == "matching":
        ET.SubElement(question, "shuffleanswers").text = "true"
        for pair in item.pairs:
            sub = _text(question, "subquestion", pair.prompt)
            answer = ET.SubElement(sub, "answer")
            ET.SubElement(answer, "text").text = pair.answer
    elif kind == "essay":
        ET.SubElement(question, "responseformat").text = "editor"
        ET.SubElement(question, "responsefieldlines").text = "15"
    return question


def quiz_to_moodle_xml(*, category: str, items: list[it.Item]) -> bytes:
    """A Moodle XML question bank: one category, then the items in order."""
    quiz = ET.Element("quiz")
    head = ET.SubElement(quiz, "question", {"type": "category"})
    ET.SubElement(ET.SubElement(head, "category"), "text").text = f"$course$/{category}"
    for item in items:
        quiz.append(question_element(item))
    ET.indent(quiz)
    return ET.tostring(quiz, encoding="utf-8", xml_declaration=True)
