"""The format-neutral form of a question on its way out: what both writers (Moodle XML, QTI)
read. A Source Lab question becomes one or more `Item`s (a two-part question becomes two); each
item is one of the few shapes every quiz system knows. `downgrade` says what was lost."""

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from quizzes.models import Question
from quizzes.types import registry


@dataclass(frozen=True)
class Answer:
    text: str
    fraction: Fraction  # of the item's points; negative for a wrong pick in "all that apply"
    feedback: str = ""


@dataclass(frozen=True)
class Pair:
    prompt: str
    answer: str


@dataclass(frozen=True)
class Item:
    """kind: choice (one or several right answers), true_false, short, numeric, matching, essay."""

    key: str
    kind: str
    prompt: str
    points: Fraction
    answers: list[Answer] = field(default_factory=list)
    single: bool = True
    pairs: list[Pair] = field(default_factory=list)
    case_sensitive: bool = False
    tolerance: Decimal = Decimal(0)
    downgrade: str = ""
    source_type: str = ""


def _choices(choices: list[dict], points, key, prompt, *, single: bool, downgrade="") -> Item:
    right = [c for c in choices if c.get("correct")]
    share = Fraction(1, len(right)) if right else Fraction(0)
    answers = [
        Answer(
            c["text"],
            Fraction(1) if single and c.get("correct") else share if c.get("correct") else -share,
            c.get("feedback", ""),
        )
        for c in choices
    ]
    if single:
        answers = [Answer(a.text, max(a.fraction, Fraction(0)), a.feedback) for a in answers]
    return Item(key, "choice", prompt, points, answers, single=single, downgrade=downgrade)


def _labels(entries: list[dict], field_name: str = "text") -> dict[str, str]:
    return {entry["id"]: entry[field_name] for entry in entries}


def items_of(question: Question) -> list[Item]:
    """The items a stored question exports as (none for a type no longer registered)."""
    spec, key, prompt = question.spec, question.key, question.prompt
    points = Fraction(question.points)
    kind = question.type
    if kind not in registry:
        return []
    if kind == "single_choice":
        return [_choices(spec["choices"], points, key, prompt, single=True)]
    if kind == "multiple_choice":
        return [_choices(spec["choices"], points, key, prompt, single=False)]
    if kind == "true_false":
        answers = [
            Answer("true", Fraction(int(spec["answer"])), spec.get("feedback_true", "")),
            Answer("false", Fraction(int(not spec["answer"])), spec.get("feedback_false", "")),
        ]
        return [Item(key, "true_false", prompt, points, answers)]
    if kind == "short_text":
        answers = [Answer(text, Fraction(1)) for text in spec["accepted"]]
        return [
            Item(
                key, "short", prompt, points, answers,
                case_sensitive=spec.get("case_sensitive", False),
                downgrade=DOWNGRADES["short_text"],
            )
        ]  # fmt: skip
    if kind == "numeric":
        return [_numeric(question)]
    if kind == "match":
        prompts, options = _labels(spec["prompts"]), _labels(spec["options"])
        pairs = [Pair(prompts[p], options[o]) for p, o in spec["key"].items()]
        return [Item(key, "matching", prompt, points, pairs=pairs)]
    if kind == "classify":
        categories = _labels(spec["categories"], "label")
        pairs = [Pair(i.get("text") or "", categories[i["category"]]) for i in spec["items"]]
        return [Item(key, "matching", prompt, points, pairs=pairs, downgrade=DOWNGRADES[kind])]
    if kind == "matrix":
        rows, columns = _labels(spec["rows"]), _labels(spec["columns"])
        categories = _labels(spec["categories"], "label")
        pairs = [
            Pair(f"{rows[r]} — {columns[c]}", categories[cell["category"]])
            for r, row in spec["cells"].items()
            for c, cell in row.items()
        ]
        return [Item(key, "matching", prompt, points, pairs=pairs, downgrade=DOWNGRADES[kind])]
    if kind == "order":
        pairs = [Pair(i["text"], ordinal(n)) for n, i in enumerate(spec["items"], start=1)]
        return [Item(key, "matching", prompt, points, pairs=pairs, downgrade=DOWNGRADES[kind])]
    if kind == "free_text":
        return [Item(key, "essay", prompt, points, downgrade=DOWNGRADES[kind])]
    if kind == "select":
        return [_select(spec, points, key, prompt)]
    if kind == "two_part":
        return _two_part(spec, points, key, prompt)
    return []


def _numeric(question: Question) -> Item:
    from quizzes.types.numeric import NumericSpec

    spec = NumericSpec.model_validate(question.spec)
    window = spec.window()
    return Item(
        question.key, "numeric", question.prompt, Fraction(question.points),
        [Answer(str(spec.answer), Fraction(1))],
        tolerance=Decimal(window.numerator) / Decimal(window.denominator),
        downgrade=DOWNGRADES["numeric"] if spec.unit else "",
    )  # fmt: skip


def _select(spec: dict, points, key, prompt, downgrade=None) -> Item:
    in_key = {option for group in spec.get("key_groups", []) for option in group}
    choices = [
        {"text": o["text"], "correct": o["id"] in in_key, "feedback": ""}
        for o in spec.get("options", [])
    ]
    return _choices(
        choices, points, key, prompt, single=False, downgrade=downgrade or DOWNGRADES["select"]
    )


def _two_part(spec: dict, points, key, prompt) -> list[Item]:
    a, b = spec["part_a"], spec["part_b"]
    half = points / 2
    note = DOWNGRADES["two_part"]
    first = _choices(
        a["spec"]["choices"], half, f"{key}-a", f"{prompt}\n\n{a['prompt']}", single=True
    )
    if b["type"] == "select":
        second = _select(b["spec"], half, f"{key}-b", b["prompt"], downgrade=note)
    else:
        second = _choices(b["spec"]["choices"], half, f"{key}-b", b["prompt"], single=False)
    return [_with(first, note), _with(second, note)]


def _with(item: Item, downgrade: str) -> Item:
    from dataclasses import replace

    return replace(item, downgrade=downgrade)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# What is lost, by Source Lab type (docs/question-exchange.md says the same for readers).
DOWNGRADES = {
    "short_text": "Accepted answers are compared as the LMS compares them (Source Lab also "
    "ignores punctuation and extra spaces).",
    "numeric": "The unit is dropped from the answer field (it stays in the prompt only if the "
    "author wrote it there).",
    "classify": "Becomes matching: each item to its category (same equal shares); the document "
    "sentences lose their link to the text, explanations and sources are dropped.",
    "matrix": "Becomes matching: one line per cell, 'row — column', to its category (same equal "
    "shares); explanations and sources are dropped.",
    "order": "Becomes matching: each item to its position (1st, 2nd…); credit is per item in the "
    "right place, not per pair in the right order.",
    "free_text": "Becomes an essay, graded by hand; the scoring guide (rubric), word limits and "
    "sample answer are not exported.",
    "select": "Becomes 'all that apply' over the sentences or words as options, without the "
    "document around them; right minus wrong as in Source Lab, but a key entry spanning "
    "several options gives each of them credit.",
    "two_part": "Becomes two questions (A, then B), half the points each; B no longer depends "
    "on A being right.",
}
