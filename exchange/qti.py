"""Items as an IMS QTI 1.2 package (a zip: `imsmanifest.xml` and one assessment), in the
flavour Canvas writes and reads (its `question_type` and `points_possible` metadata).

Why 1.2: Canvas (Classic and New Quizzes), Brightspace, Schoology and Blackboard Learn all import
QTI 1.2 packages, and Canvas exports its own quizzes as 1.2; QTI 2.1/3.0 import is patchy across
them, and Moodle imports neither without a plugin (Moodle gets Moodle XML). Scoring follows
Canvas: SCORE out of 100, scaled to `points_possible`."""

import io
import zipfile
from fractions import Fraction
from xml.etree import ElementTree as ET

from lessons.markdown import render_markdown, render_markdown_inline

from . import items as it

NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
TYPES = {
    ("choice", True): "multiple_choice_question",
    ("choice", False): "multiple_answers_question",
    ("true_false", True): "true_false_question",
    ("short", True): "short_answer_question",
    ("numeric", True): "numerical_question",
    ("matching", True): "matching_question",
    ("essay", True): "essay_question",
}


def _number(value: Fraction) -> str:
    return f"{float(value):g}"


def _percents(shares: list[Fraction]) -> list[str]:
    """Shares of 100 written to 4 decimals; the positive ones add up to exactly 100 when the
    shares do (the last takes the rounding), so the key never scores 99.9999."""
    written = [round(abs(share) * 100, 4) for share in shares]
    positive = [n for n, share in enumerate(shares) if share > 0]
    if positive and sum(shares[n] for n in positive) == 1:
        last = positive[-1]
        written[last] = 100 - sum(written[n] for n in positive[:-1])
    return [_number(Fraction(value)) if value else "0" for value in written]


def _material(parent: ET.Element, html: str) -> None:
    material = ET.SubElement(parent, "material")
    ET.SubElement(material, "mattext", {"texttype": "text/html"}).text = str(html)


def _meta(item_el: ET.Element, item: it.Item) -> None:
    meta = ET.SubElement(ET.SubElement(item_el, "itemmetadata"), "qtimetadata")
    fields = {
        "question_type": TYPES[(item.kind, item.single or item.kind != "choice")],
        "points_possible": _number(item.points),
    }
    for label, entry in fields.items():
        field = ET.SubElement(meta, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = label
        ET.SubElement(field, "fieldentry").text = entry


def _outcomes(processing: ET.Element) -> None:
    ET.SubElement(
        ET.SubElement(processing, "outcomes"),
        "decvar",
        {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"},
    )


def _condition(processing, score: str, *, action: str = "Set", **tests) -> ET.Element:
    condition = ET.SubElement(processing, "respcondition", {"continue": "Yes"})
    var = ET.SubElement(condition, "conditionvar")
    for tag, (ident, value) in tests.items():
        ET.SubElement(var, tag.rstrip("_"), {"respident": ident}).text = value
    ET.SubElement(condition, "setvar", {"action": action, "varname": "SCORE"}).text = score
    return condition


def _choice(item: it.Item, presentation, processing) -> None:
    lid = ET.SubElement(
        presentation,
        "response_lid",
        {"ident": "response1", "rcardinality": "Single" if item.single else "Multiple"},
    )
    render = ET.SubElement(lid, "render_choice")
    for n, answer in enumerate(item.answers, start=1):
        label = ET.SubElement(render, "response_label", {"ident": f"{item.key}-{n}"})
        _material(label, render_markdown_inline(answer.text))
    percents = _percents([answer.fraction for answer in item.answers])
    for n, (answer, score) in enumerate(zip(item.answers, percents, strict=True), start=1):
        if answer.fraction:
            _condition(
                processing,
                score,
                action="Add" if answer.fraction > 0 else "Subtract",
                varequal=("response1", f"{item.key}-{n}"),
            )


def _text_entry(item: it.Item, presentation, processing) -> None:
    response = ET.SubElement(
        presentation, "response_str", {"ident": "response1", "rcardinality": "Single"}
    )
    fib = {"fibtype": "Decimal"} if item.kind == "numeric" else {"fibtype": "String"}
    ET.SubElement(response, "render_fib", fib | ({"rows": "15"} if item.kind == "essay" else {}))
    if item.kind == "short":
        for answer in item.answers:
            _condition(processing, "100", varequal=("response1", answer.text))
    elif item.kind == "numeric":
        [answer] = item.answers
        condition = ET.SubElement(processing, "respcondition", {"continue": "No"})
        var = ET.SubElement(ET.SubElement(condition, "conditionvar"), "and")
        low, high = (
            (Fraction(answer.text) - Fraction(item.tolerance)),
            (Fraction(answer.text) + Fraction(item.tolerance)),
        )
        ET.SubElement(var, "vargte", {"respident": "response1"}).text = _number(low)
        ET.SubElement(var, "varlte", {"respident": "response1"}).text = _number(high)
        ET.SubElement(condition, "setvar", {"action": "Set", "varname": "SCORE"}).text = "100"


def _matching(item: it.Item, presentation, processing) -> None:
    options = list(dict.fromkeys(pair.answer for pair in item.pairs))
    shares = _percents([Fraction(1, len(item.pairs))] * len(item.pairs))
    for n, (pair, share) in enumerate(zip(item.pairs, shares, strict=True), start=1):
        lid = ET.SubElement(
            presentation, "response_lid", {"ident": f"response_{n}", "rcardinality": "Single"}
        )
        _material(lid, render_markdown_inline(pair.prompt))
        render = ET.SubElement(lid, "render_choice")
        for m, option in enumerate(options, start=1):
            label = ET.SubElement(render, "response_label", {"ident": f"{item.key}-o{m}"})
            _material(label, render_markdown_inline(option))
        right = f"{item.key}-o{options.index(pair.answer) + 1}"
        _condition(processing, share, action="Add", varequal=(f"response_{n}", right))


def item_element(item: it.Item) -> ET.Element:
    item_el = ET.Element("item", {"ident": item.key, "title": item.key})
    _meta(item_el, item)
    presentation = ET.SubElement(item_el, "presentation")
    _material(presentation, render_markdown(item.prompt))
    processing = ET.SubElement(item_el, "resprocessing")
    _outcomes(processing)
    if item.kind in ("choice", "true_false"):
        _choice(item, presentation, processing)
    elif item.kind == "matching":
        _matching(item, presentation, processing)
    else:
        _text_entry(item, presentation, processing)
    return item_el


def assessment_xml(*, title: str, ident: str, items: list[it.Item]) -> bytes:
    root = ET.Element("questestinterop", {"xmlns": NS})
    assessment = ET.SubElement(root, "assessment", {"ident": ident, "title": title})
    section = ET.SubElement(assessment, "section", {"ident": "root_section"})
    for item in items:
        section.append(item_element(item))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def manifest_xml(*, ident: str) -> bytes:
    root = ET.Element(
        "manifest",
        {
            "identifier": f"{ident}-manifest",
            "xmlns": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1",
        },
    )
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    resource = ET.SubElement(
        resources,
        "resource",
        {"identifier": ident, "type": "imsqti_xmlv1p2", "href": f"{ident}/{ident}.xml"},
    )
    ET.SubElement(resource, "file", {"href": f"{ident}/{ident}.xml"})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def package(*, title: str, ident: str, items: list[it.Item]) -> bytes:
    """The zip an LMS imports: the manifest and the assessment."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", manifest_xml(ident=ident))
        archive.writestr(
            f"{ident}/{ident}.xml", assessment_xml(title=title, ident=ident, items=items)
        )
    return buffer.getvalue()
