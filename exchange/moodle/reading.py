"""A Moodle XML question bank read into Source Lab question drafts: multichoice (one right
answer: single_choice; several: multiple_choice), truefalse, shortanswer, numerical, matching
(match) and essay (free_text). Every problem is reported at once, each with the question's
number and name; nothing is returned unless every question can be read. Other Moodle types
(cloze, drag and drop, calculated…) are refused by name."""

import html
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from xml.etree import ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from pydantic import ValidationError

from quizzes.types import registry

MAX_BYTES = 2_000_000
MAX_QUESTIONS = 500
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Draft:
    name: str
    type: str
    prompt: str
    points: int
    spec: dict


class BankError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def _text(element: ET.Element | None) -> str:
    """A text field of Moodle XML in Markdown or plain text (HTML is stripped to its words)."""
    if element is None:
        return ""
    raw = element.findtext("text") or ""
    if element.get("format", "html") == "html":
        raw = html.unescape(TAG.sub(" ", raw))
        raw = re.sub(r"[ \t]+", " ", raw)
    return raw.strip()


def _fraction(answer: ET.Element) -> Decimal:
    try:
        return Decimal(answer.get("fraction", "0"))
    except InvalidOperation as error:
        raise ValueError(f"fraction {answer.get('fraction')!r} is not a number") from error


def _choices(question: ET.Element) -> tuple[str, dict]:
    answers = question.findall("answer")
    right = [a for a in answers if _fraction(a) > 0]
    single = (question.findtext("single") or "true").strip().lower() in ("true", "1")
    choices = [
        {
            "id": f"c{n}",
            "text": _text(a),
            "correct": _fraction(a) > 0,
            "feedback": _text(a.find("feedback")),
        }
        for n, a in enumerate(answers, start=1)
    ]
    kind = "single_choice" if single and len(right) == 1 else "multiple_choice"
    return kind, {"choices": choices}


def _true_false(question: ET.Element) -> tuple[str, dict]:
    spec: dict = {}
    for answer in question.findall("answer"):
        value = _text(answer).lower()
        if value not in ("true", "false"):
            raise ValueError(f"a true/false answer reads {value!r}")
        if _fraction(answer) > 0:
            spec["answer"] = value == "true"
        spec[f"feedback_{value}"] = _text(answer.find("feedback"))
    if "answer" not in spec:
        raise ValueError("no answer has credit")
    return "true_false", spec


def _short(question: ET.Element) -> tuple[str, dict]:
    accepted = [_text(a) for a in question.findall("answer") if _fraction(a) == 100]
    return "short_text", {
        "accepted": accepted,
        "case_sensitive": (question.findtext("usecase") or "0").strip() == "1",
    }


def _numeric(question: ET.Element) -> tuple[str, dict]:
    full = [a for a in question.findall("answer") if _fraction(a) == 100]
    if not full:
        raise ValueError("no answer has full credit")
    answer = full[0]
    return "numeric", {
        "answer": _text(answer) or answer.findtext("text", ""),
        "tolerance": (answer.findtext("tolerance") or "0").strip(),
    }


def _matching(question: ET.Element) -> tuple[str, dict]:
    prompts, options, key = [], {}, {}
    for n, sub in enumerate(question.findall("subquestion"), start=1):
        answer = (sub.findtext("answer/text") or "").strip()
        option = options.setdefault(answer, f"o{len(options) + 1}")
        text = _text(sub)
        if not text:  # a distractor: an answer with no prompt
            continue
        prompts.append({"id": f"p{n}", "text": text})
        key[f"p{n}"] = option
    return "match", {
        "prompts": prompts,
        "options": [{"id": i, "text": t} for t, i in options.items()],
        "key": key,
    }


def _essay(question: ET.Element) -> tuple[str, dict]:
    return "free_text", {}


READERS = {
    "multichoice": _choices,
    "truefalse": _true_false,
    "shortanswer": _short,
    "numerical": _numeric,
    "matching": _matching,
    "essay": _essay,
}


def _points(question: ET.Element) -> int:
    try:
        value = Decimal((question.findtext("defaultgrade") or "1").strip())
    except InvalidOperation as error:
        raise ValueError("defaultgrade is not a number") from error
    points = int(value.to_integral_value())
    if points != value or not 0 <= points <= 100:
        raise ValueError(f"defaultgrade {value} is not a whole number of points from 0 to 100")
    return points


def bank_read(data: bytes) -> list[Draft]:
    """Every question of the bank as a validated draft, or BankError listing every problem."""
    if len(data) > MAX_BYTES:
        raise BankError([f"The file is over {MAX_BYTES // 1_000_000} MB."])
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise BankError(
            ["The file declares a DOCTYPE or entities; a bank never needs them."]
        ) from error
    except (ET.ParseError, ValueError) as error:
        raise BankError([f"This is not well-formed XML: {error}."]) from error
    if root.tag != "quiz":
        raise BankError(["This is not a Moodle XML question bank (its root is not <quiz>)."])
    drafts, problems = [], []
    questions = [q for q in root.findall("question") if q.get("type") != "category"]
    if len(questions) > MAX_QUESTIONS:
        raise BankError([f"The bank has over {MAX_QUESTIONS} questions."])
    for number, question in enumerate(questions, start=1):
        name = (question.findtext("name/text") or "").strip() or f"question {number}"
        where = f"question {number} ({name!r})"
        reader = READERS.get(question.get("type", ""))
        if reader is None:
            problems.append(f"{where}: Moodle type {question.get('type')!r} cannot be imported.")
            continue
        try:
            kind, spec = reader(question)
            points = _points(question)
            spec = registry.get(kind).dump_spec(registry.get(kind).parse_spec(spec))
        except ValueError as error:
            problems.append(f"{where}: {_message(error)}")
            continue
        prompt = _text(question.find("questiontext"))
        if not prompt:
            problems.append(f"{where}: the question text is empty.")
            continue
        drafts.append(Draft(name, kind, prompt, points, spec))
    if problems:
        raise BankError(problems)
    if not drafts:
        raise BankError(["The bank holds no question."])
    return drafts


def _message(error: ValueError) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'spec'}: {e['msg']}" for e in error.errors()
        )
    return str(error)
