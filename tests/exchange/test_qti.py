"""The QTI 1.2 package: a manifest an LMS finds, an assessment with one item per exported item,
Canvas's metadata, and scoring rules that give full marks to the key and nothing to a wrong
answer (checked by a small evaluator of QTI 1.2 response processing written here)."""

import io
import zipfile
from fractions import Fraction

import pytest
from defusedxml import ElementTree as ET

from exchange.items import items_of
from exchange.services import quiz_export_qti
from quizzes.models import Question

NS = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
CP = {"cp": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}


@pytest.fixture
def package(example_lesson):
    questions = list(Question.objects.filter(lesson=example_lesson, is_current=True).order_by("pk"))
    archive = zipfile.ZipFile(
        io.BytesIO(quiz_export_qti(lesson=example_lesson, questions=questions))
    )
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    href = manifest.find("cp:resources/cp:resource", CP).get("href")
    assessment = ET.fromstring(archive.read(href))
    items = [i for q in questions for i in items_of(q)]
    return manifest, assessment, items


def meta(item_el) -> dict:
    return {
        f.findtext("q:fieldlabel", namespaces=NS): f.findtext("q:fieldentry", namespaces=NS)
        for f in item_el.iterfind("q:itemmetadata/q:qtimetadata/q:qtimetadatafield", NS)
    }


def score(item_el, response: dict[str, str]) -> Fraction:
    """QTI 1.2 response processing, as far as the export uses it."""
    total = Fraction(0)
    for condition in item_el.iterfind("q:resprocessing/q:respcondition", NS):
        if _holds(condition.find("q:conditionvar", NS), response):
            setvar = condition.find("q:setvar", NS)
            value = Fraction(setvar.text)
            total = {"Set": value, "Add": total + value, "Subtract": total - value}[
                setvar.get("action")
            ]
            if condition.get("continue") == "No":
                break
    return min(max(total, Fraction(0)), Fraction(100))


def _holds(var, response) -> bool:
    results = []
    for test in var:
        tag = test.tag.split("}")[1]
        if tag == "and":
            results.append(_holds(test, response))
            continue
        given = response.get(test.get("respident"))
        if given is None:
            results.append(False)
        elif tag == "varequal":
            results.append(test.text in given if isinstance(given, list) else given == test.text)
        elif tag == "vargte":
            results.append(Fraction(given) >= Fraction(test.text))
        elif tag == "varlte":
            results.append(Fraction(given) <= Fraction(test.text))
    return all(results)


def key_response(item_el, item) -> dict:
    """The right answer to an exported item, as an LMS would submit it."""
    if item.kind in ("choice", "true_false"):
        labels = [label.get("ident") for label in item_el.iterfind(".//q:response_label", NS)]
        picked = [lab for lab, a in zip(labels, item.answers, strict=True) if a.fraction > 0]
        return {"response1": picked if not item.single else picked[0]}
    if item.kind == "matching":
        response = {}
        for lid, pair in zip(item_el.iterfind(".//q:response_lid", NS), item.pairs, strict=True):
            for label in lid.iterfind(".//q:response_label", NS):
                if label.findtext("q:material/q:mattext", namespaces=NS).strip() == pair.answer:
                    response[lid.get("ident")] = label.get("ident")
        return response
    return {"response1": item.answers[0].text}


def test_the_manifest_points_to_the_assessment(package, example_lesson):
    manifest, assessment, _items = package

    resource = manifest.find("cp:resources/cp:resource", CP)
    assert resource.get("type") == "imsqti_xmlv1p2"
    assert resource.find("cp:file", CP).get("href") == resource.get("href")
    assert assessment.find("q:assessment", NS).get("title") == example_lesson.title


def test_one_item_per_exported_item_with_canvas_metadata(package):
    _manifest, assessment, items = package
    elements = list(assessment.iterfind(".//q:item", NS))

    assert [e.get("ident") for e in elements] == [i.key for i in items]
    for element, item in zip(elements, items, strict=True):
        fields = meta(element)
        assert fields["question_type"].endswith("_question")
        assert Fraction(fields["points_possible"]) == item.points


def test_the_key_scores_full_marks_and_a_blank_scores_nothing(package):
    _manifest, assessment, items = package
    scored = 0
    for element, item in zip(assessment.iterfind(".//q:item", NS), items, strict=True):
        if item.kind == "essay":
            assert meta(element)["question_type"] == "essay_question"
            continue
        assert score(element, key_response(element, item)) == 100, item.key
        assert score(element, {}) == 0, item.key
        scored += 1
    assert scored > 10


def test_a_wrong_pick_in_all_that_apply_costs_its_share(package):
    _manifest, assessment, items = package
    element, item = next(
        (e, i)
        for e, i in zip(assessment.iterfind(".//q:item", NS), items, strict=True)
        if i.kind == "choice" and not i.single and any(a.fraction < 0 for a in i.answers)
    )
    response = key_response(element, item)
    labels = [label.get("ident") for label in element.iterfind(".//q:response_label", NS)]
    wrong = next(lab for lab, a in zip(labels, item.answers, strict=True) if a.fraction < 0)
    right_share = next(a.fraction for a in item.answers if a.fraction > 0)

    assert score(element, {"response1": [*response["response1"], wrong]}) == 100 * (1 - right_share)


def test_a_number_just_outside_the_tolerance_scores_nothing(package):
    _manifest, assessment, items = package
    element, item = next(
        (e, i)
        for e, i in zip(assessment.iterfind(".//q:item", NS), items, strict=True)
        if i.kind == "numeric"
    )
    edge = Fraction(item.answers[0].text) + Fraction(item.tolerance)

    assert score(element, {"response1": str(float(edge))}) == 100
    assert score(element, {"response1": str(float(edge + Fraction(1, 100)))}) == 0
