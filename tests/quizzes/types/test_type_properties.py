"""Properties every question type keeps, checked on generated specs and responses.

For each type: the correct response scores full marks, the empty one zero, any response a
fraction in [0, 1] and the same result twice; junk raises ResponseError and nothing else; the
public spec carries no key; the template and parse_form agree with each other.
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from html.parser import HTMLParser
from types import SimpleNamespace
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from quizzes.types import Context, GradeState, ResponseError, registry

PROPERTY = settings(
    database=None,
    deadline=None,
    max_examples=40,
    suppress_health_check=[HealthCheck.too_slow],
)
KEYS = registry.keys()

# Every secret string in a generated spec starts with this, so a leak is easy to spot.
SECRET = "SECRET-"

ids = st.builds(
    lambda head, tail: head + tail,
    st.sampled_from("abcdefgh"),
    st.text(alphabet="abc0_-", max_size=6),
).filter(lambda s: s != "items")
texts = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"])
    | st.sampled_from("<>&\"'"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() and SECRET not in s)
secrets = texts.map(lambda s: SECRET + s.strip())
maybe_secret = st.one_of(st.just(""), secrets)


def unique_ids(min_size: int, max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(ids, min_size=min_size, max_size=max_size, unique=True)


# --- documents --------------------------------------------------------------------------------


@st.composite
def documents(draw: st.DrawFn, min_sentences: int = 1) -> dict[str, str]:
    """Sentences of distinct four-letter words, so any run of words occurs exactly once."""
    n = draw(st.integers(min_sentences, 5))
    counts = draw(st.lists(st.integers(2, 6), min_size=n, max_size=n))
    numbers = draw(
        st.lists(st.integers(0, 26**4 - 1), min_size=sum(counts), max_size=sum(counts), unique=True)
    )
    pool = ["".join(chr(97 + n // 26**k % 26) for k in range(4)) for n in numbers]
    sentences, start = {}, 0
    for index, count in enumerate(counts, 1):
        words = pool[start : start + count]
        start += count
        glue = draw(st.sampled_from([" ", ", ", " - ", "; "]))
        sentences[f"s{index}"] = glue.join(words).capitalize() + draw(st.sampled_from(".!?"))
    return sentences


def sentence_words(text: str) -> list[str]:
    words = (w.strip(".,;!?- ") for w in text.replace(",", " ").replace(";", " ").split())
    return [w for w in words if w]


# --- specs: each strategy gives a prepared spec and the context it was prepared with -------------


def _choices(draw: st.DrawFn, correct: list[bool]) -> list[dict[str, Any]]:
    choice_ids = draw(unique_ids(len(correct), len(correct)))
    return [
        {"id": i, "text": draw(texts), "correct": c, "feedback": draw(maybe_secret)}
        for i, c in zip(choice_ids, correct, strict=True)
    ]


@st.composite
def single_choice_specs(draw: st.DrawFn) -> dict[str, Any]:
    n = draw(st.integers(2, 6))
    right = draw(st.integers(0, n - 1))
    return {"choices": _choices(draw, [i == right for i in range(n)])}


@st.composite
def multiple_choice_specs(draw: st.DrawFn) -> dict[str, Any]:
    correct = draw(st.lists(st.booleans(), min_size=2, max_size=7).filter(any))
    return {"choices": _choices(draw, correct)}


@st.composite
def true_false_specs(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "answer": draw(st.booleans()),
        "feedback_true": draw(maybe_secret),
        "feedback_false": draw(maybe_secret),
    }


@st.composite
def classify_specs(draw: st.DrawFn, sentences: dict[str, str]) -> dict[str, Any]:
    categories = draw(unique_ids(2, 4))
    items = []
    for item_id in draw(unique_ids(1, 6)):
        item: dict[str, Any] = {
            "id": item_id,
            "category": draw(st.sampled_from(categories)),
            "explanation": draw(maybe_secret),
            "sources": draw(st.lists(st.sampled_from(["hrw", "dewaal"]), max_size=2, unique=True)),
        }
        form = draw(st.sampled_from(["text", "sentence", "part"]))
        if form == "text":
            item["text"] = draw(texts)
        else:
            item["sentence"] = draw(st.sampled_from(list(sentences)))
            if form == "part":
                item["text"] = draw(st.sampled_from(sentence_words(sentences[item["sentence"]])))
        items.append(item)
    return {
        "categories": [{"id": c, "label": draw(texts)} for c in categories],
        "items": items,
    }


@st.composite
def select_specs(draw: st.DrawFn, sentences: dict[str, str]) -> dict[str, Any]:
    all_ids = list(sentences)
    within = draw(st.none() | st.lists(st.sampled_from(all_ids), min_size=2, unique=True))
    region = [s for s in all_ids if within is None or s in within]
    unit = draw(st.sampled_from(["sentence", "word"]))
    raw: dict[str, Any] = {"unit": unit} | ({"within": within} if within else {})
    if unit == "sentence":
        key = draw(
            st.lists(st.sampled_from(region), min_size=1, max_size=len(region) - 1, unique=True)
        )
        raw["key"] = key
        keyed = len(key)
        raw["feedback"] = {
            s: draw(secrets) for s in draw(st.lists(st.sampled_from(region), unique=True))
        }
    else:
        key, keyed = [], 0
        for sentence in draw(st.lists(st.sampled_from(region), min_size=1, unique=True)):
            words = sentence_words(sentences[sentence])
            start = draw(st.integers(0, len(words) - 1))
            length = draw(st.integers(1, min(3, len(words) - start)))
            phrase = sentences[sentence][sentences[sentence].lower().index(words[start].lower()) :]
            end_word = words[start + length - 1]
            phrase = phrase[: phrase.lower().index(end_word.lower()) + len(end_word)]
            key.append({"sentence": sentence, "text": phrase})
            keyed += length
        raw["key"] = key
        names = [f"{s}.w1" for s in region] + region
        raw["feedback"] = {
            n: draw(secrets) for n in draw(st.lists(st.sampled_from(names), unique=True))
        }
    if draw(st.booleans()):
        raw["max"] = draw(st.integers(keyed, keyed + 3))
    return raw


@st.composite
def match_specs(draw: st.DrawFn) -> dict[str, Any]:
    prompts = draw(unique_ids(1, 5))
    options = draw(unique_ids(2, 6))
    return {
        "prompts": [{"id": p, "text": draw(texts)} for p in prompts],
        "options": [{"id": o, "text": draw(texts)} for o in options],
        "key": {p: draw(st.sampled_from(options)) for p in prompts},
    }


@st.composite
def order_specs(draw: st.DrawFn) -> dict[str, Any]:
    return {"items": [{"id": i, "text": draw(texts)} for i in draw(unique_ids(2, 7))]}


@st.composite
def short_text_specs(draw: st.DrawFn) -> dict[str, Any]:
    accepted = st.from_regex(r"[A-Za-z][A-Za-z0-9 ]{0,20}", fullmatch=True).map(
        lambda s: SECRET + s
    )
    return {
        "accepted": draw(st.lists(accepted, min_size=1, max_size=4)),
        "case_sensitive": draw(st.booleans()),
    }


numbers = st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False)


@st.composite
def numeric_specs(draw: st.DrawFn) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "answer": str(draw(numbers)),
        "unit": draw(st.sampled_from(["", "people", "km"])),
    }
    if draw(st.booleans()):
        raw["tolerance"] = str(draw(st.decimals(min_value=0, max_value=100, places=2)))
    if draw(st.booleans()):
        raw["tolerance_percent"] = draw(st.integers(0, 50))
    return raw


@st.composite
def matrix_specs(draw: st.DrawFn) -> dict[str, Any]:
    rows, columns, categories = (
        draw(unique_ids(1, 4)),
        draw(unique_ids(1, 3)),
        draw(unique_ids(2, 3)),
    )
    return {
        "rows": [{"id": r, "text": draw(texts)} for r in rows],
        "columns": [{"id": c, "text": draw(texts)} for c in columns],
        "categories": [{"id": c, "label": draw(texts)} for c in categories],
        "cells": {
            r: {
                c: {
                    "category": draw(st.sampled_from(categories)),
                    "explanation": draw(maybe_secret),
                }
                for c in columns
            }
            for r in rows
        },
    }


@st.composite
def free_text_specs(draw: st.DrawFn) -> dict[str, Any]:
    low = draw(st.none() | st.integers(1, 20))
    high = draw(st.none() | st.integers(low or 1, 50))
    return {
        "min_words": low,
        "max_words": high,
        "rubric": [
            {"level": n, "label": draw(secrets), "descriptor": draw(secrets)}
            for n in range(draw(st.integers(0, 3)))
        ],
        "sample_answer": draw(maybe_secret),
    }


@st.composite
def two_part_specs(draw: st.DrawFn, sentences: dict[str, str]) -> dict[str, Any]:
    kind = draw(st.sampled_from(["select", "multiple_choice"]))
    b = draw(select_specs(sentences) if kind == "select" else multiple_choice_specs())
    return {
        "part_a": {"prompt": draw(texts), "spec": draw(single_choice_specs())},
        "part_b": {"prompt": draw(texts), "type": kind, "spec": b},
    }


RAW_SPECS = {
    "single_choice": lambda doc: single_choice_specs(),
    "multiple_choice": lambda doc: multiple_choice_specs(),
    "true_false": lambda doc: true_false_specs(),
    "classify": classify_specs,
    "select": select_specs,
    "match": lambda doc: match_specs(),
    "order": lambda doc: order_specs(),
    "short_text": lambda doc: short_text_specs(),
    "numeric": lambda doc: numeric_specs(),
    "matrix": lambda doc: matrix_specs(),
    "free_text": lambda doc: free_text_specs(),
    "two_part": two_part_specs,
}


NEEDS_DOCUMENT = {"classify", "select", "two_part"}


@st.composite
def cases(draw: st.DrawFn, key: str) -> tuple[Any, Any, Context]:
    """(question type, prepared spec, context) for a generated spec of type `key`."""
    qt = registry.get(key)
    sentences = draw(documents(min_sentences=2)) if key in NEEDS_DOCUMENT else {"s1": "One."}
    ctx = Context(sentences=sentences, source_ids=frozenset({"hrw", "dewaal"}))
    spec = qt.parse_spec(draw(RAW_SPECS[key](sentences)))
    issues = qt.check(spec, ctx)
    if key in ("select", "two_part"):
        # Generated key phrases may happen to cover every word of the region: refused.
        assume(not issues)
    assert issues == []
    return qt, qt.prepare(spec, ctx), ctx


# --- responses: any well-formed response to a given spec ----------------------------------------


def _subset(items: list[Any], max_size: int | None = None) -> st.SearchStrategy[list[Any]]:
    return (
        st.lists(st.sampled_from(items), unique=True, max_size=max_size) if items else st.just([])
    )


@st.composite
def responses(draw: st.DrawFn, key: str, spec: Any) -> dict[str, Any]:
    match key:
        case "single_choice":
            return {"choice": draw(st.none() | st.sampled_from([c.id for c in spec.choices]))}
        case "multiple_choice":
            return {"choices": draw(_subset([c.id for c in spec.choices]))}
        case "true_false":
            return {"answer": draw(st.sampled_from([None, True, False]))}
        case "classify":
            categories = [c.id for c in spec.categories]
            items = draw(_subset([i.id for i in spec.items]))
            return {"answers": {i: draw(st.sampled_from(categories)) for i in items}}
        case "select":
            return {"selected": draw(_subset([o.id for o in spec.options], spec.max))}
        case "match":
            options = [o.id for o in spec.options]
            prompts = draw(_subset([p.id for p in spec.prompts]))
            return {"pairs": {p: draw(st.sampled_from(options)) for p in prompts}}
        case "order":
            ids = [i.id for i in spec.items]
            return {"order": draw(st.just([]) | st.permutations(ids))}
        case "short_text":
            typed = st.sampled_from(spec.accepted).map(lambda s: f"  {s.upper()}. ")
            return {"text": draw(st.one_of(typed, st.text(max_size=500)))}
        case "numeric":
            value = draw(numbers)
            typed = st.sampled_from([str(value), f"{value:,}", ""])
            return {"value": draw(typed)}
        case "matrix":
            categories = [c.id for c in spec.categories]
            return {
                "cells": {
                    r.id: {
                        c.id: draw(st.sampled_from(categories)) for c in draw(_subset(spec.columns))
                    }
                    for r in draw(_subset(spec.rows))
                }
            }
        case "free_text":
            return {"text": draw(st.text(max_size=300))}
        case "two_part":
            b_key = spec.part_b.type
            return {
                "a": draw(responses("single_choice", spec.part_a.spec)),
                "b": draw(responses(b_key, spec.part_b.spec)),
            }
    raise AssertionError(key)


# --- the properties ---------------------------------------------------------------------------


@pytest.mark.parametrize("key", KEYS)
@PROPERTY
@given(data=st.data())
def test_the_correct_response_scores_full_marks(key, data):
    qt, spec, _ = data.draw(cases(key))
    result = qt.grade(spec, qt.correct_response(spec))
    if qt.auto_graded:
        assert result.fraction == 1
        assert result.state == GradeState.CORRECT
        assert all(part.correct for part in result.parts)
    else:
        assert result.state == GradeState.UNGRADED


@pytest.mark.parametrize("key", KEYS)
@PROPERTY
@given(data=st.data())
def test_the_empty_response_scores_zero_and_is_incomplete(key, data):
    qt, spec, _ = data.draw(cases(key))
    empty = qt.empty_response(spec)
    assert qt.grade(spec, empty).fraction == 0
    assert not qt.is_complete(spec, empty)


@pytest.mark.parametrize("key", KEYS)
@PROPERTY
@given(data=st.data())
def test_any_response_scores_a_deterministic_fraction_between_zero_and_one(key, data):
    qt, spec, _ = data.draw(cases(key))
    raw = data.draw(responses(key, spec))
    response = qt.parse_response(raw, spec)
    result = qt.grade(spec, response)
    assert 0 <= result.fraction <= 1
    assert result == qt.grade(spec, qt.parse_response(raw, spec))
    assert qt.parse_response(qt.dump_response(response), spec) == response
    json.dumps(result.as_dict())
    if qt.auto_graded:
        assert result.state != GradeState.UNGRADED


@pytest.mark.parametrize("key", KEYS)
@PROPERTY
@given(data=st.data())
def test_a_prepared_spec_round_trips_and_preparing_again_changes_nothing(key, data):
    qt, spec, ctx = data.draw(cases(key))
    assert qt.parse_spec(qt.dump_spec(spec)) == spec
    assert qt.prepare(spec, ctx) == spec
    json.dumps(qt.dump_spec(spec))


@pytest.mark.parametrize("key", KEYS)
@PROPERTY
@given(data=st.data())
def test_the_public_spec_never_carries_the_key_or_feedback(key, data):
    qt, spec, _ = data.draw(cases(key))
    public = qt.public_spec(spec)
    assert SECRET not in json.dumps(public)  # feedback, explanations, accepted answers, rubric
    assert not _keys(public) & {
        "correct", "key", "key_groups", "explanation", "feedback", "sources",
        "category", "answer", "accepted", "cells", "sample_answer", "rubric",
    }  # fmt: skip


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


@PROPERTY
@given(data=st.data())
def test_selecting_everything_never_scores_full_marks(data):
    qt, spec, _ = data.draw(cases("select"))
    everything = [o.id for o in spec.options]
    assume(spec.max is None or spec.max >= len(everything))
    fraction = qt.grade(spec, {"selected": everything}).fraction
    wrong = len(everything) - sum(len(group) for group in spec.key_groups)
    assert fraction < 1
    assert fraction == max(0, 1 - Fraction(wrong, len(spec.key_groups)))
    if wrong >= len(spec.key_groups):
        assert fraction == 0


@PROPERTY
@given(data=st.data())
def test_choosing_every_choice_scores_full_marks_only_if_every_choice_is_correct(data):
    qt, spec, _ = data.draw(cases("multiple_choice"))
    fraction = qt.grade(spec, {"choices": [c.id for c in spec.choices]}).fraction
    right = sum(c.correct for c in spec.choices)
    assert fraction == max(0, Fraction(right - (len(spec.choices) - right), right))
    assert (fraction == 1) == all(c.correct for c in spec.choices)


def test_the_numeric_answer_and_tolerance_are_not_public():
    qt = registry.get("numeric")
    spec = qt.parse_spec({"answer": "613.25", "tolerance": "2.5", "unit": "deaths"})
    public = json.dumps(qt.public_spec(spec))
    assert "613" not in public and "2.5" not in public


# --- junk -----------------------------------------------------------------------------------

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
junk = st.recursive(
    json_scalars | st.sampled_from([101, 501, 20_001]).map(lambda n: "x" * n),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
field_names = st.sampled_from(
    [
        "choice",
        "choices",
        "answer",
        "answers",
        "selected",
        "pairs",
        "order",
        "text",
        "value",
        "cells",
        "a",
        "b",
    ]
)
shaped_junk = st.dictionaries(field_names, junk, max_size=3)


@pytest.mark.parametrize("key", KEYS)
@PROPERTY
@given(data=st.data())
def test_junk_is_refused_with_a_response_error_and_nothing_else(key, data):
    qt, spec, _ = data.draw(cases(key))
    raw = data.draw(junk | shaped_junk)
    try:
        response = qt.parse_response(raw, spec)
    except ResponseError as error:
        assert error.message
    else:  # junk that happens to be well formed must grade like any response
        assert 0 <= qt.grade(spec, response).fraction <= 1


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict) and value:
        return [p for k, v in value.items() for p in _leaves(v, (*path, k))]
    if isinstance(value, list) and value:
        return [p for i, v in enumerate(value) for p in _leaves(v, (*path, i))]
    return [path]


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replace(value[path[0]], path[1:], new)
    return copy


@pytest.mark.parametrize("key", KEYS)
@PROPERTY
@given(data=st.data())
def test_a_valid_response_spoiled_in_one_place_is_a_response_error(key, data):
    qt, spec, _ = data.draw(cases(key))
    raw = qt.dump_response(qt.correct_response(spec))
    spoil = data.draw(
        st.sampled_from(["leaf", "extra field", "not an object"]) if raw else st.just("extra field")
    )
    if spoil == "leaf":
        path = data.draw(st.sampled_from(_leaves(raw)))
        bad = data.draw(st.sampled_from([12345, 1.5, [1], "x" * 25_000]))
        raw = _replace(raw, path, bad)
    elif spoil == "extra field":
        raw = raw | {"points": 100}
    else:
        raw = data.draw(st.sampled_from([[raw], json.dumps(raw), None, 1]))
    with pytest.raises(ResponseError):
        qt.parse_response(raw, spec)


@pytest.mark.parametrize(
    "key", ["multiple_choice", "classify", "select", "match", "order", "matrix"]
)
@PROPERTY
@given(data=st.data())
def test_unknown_ids_are_response_errors(key, data):
    qt, spec, _ = data.draw(cases(key))
    raw = qt.dump_response(qt.correct_response(spec))
    path = data.draw(st.sampled_from(_leaves(raw)))
    with pytest.raises(ResponseError):
        qt.parse_response(_replace(raw, path, "zz-unknown"), spec)


# --- templates and forms --------------------------------------------------------------------


class Form(dict):
    """The two methods of Django's QueryDict that parse_form uses."""

    def get(self, key: str, default: Any = None) -> Any:
        values = super().get(key)
        return values[-1] if values else default

    def getlist(self, key: str) -> list[Any]:
        return list(super().get(key, []))


class Browser(HTMLParser):
    """Reads rendered controls the way a browser submits them, and notes what a11y needs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.form = Form()
        self.controls: list[dict[str, Any]] = []
        self.labels: set[str] = set()
        self.attributes: list[tuple[str, str | None]] = []
        self.tags: list[str] = []
        self._select: dict[str, Any] | None = None
        self._textarea: dict[str, Any] | None = None

    def post(self, name: str, value: str) -> None:
        self.form.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        self.attributes += attrs
        if tag == "label" and a.get("for"):
            self.labels.add(a["for"])
        elif tag == "input":
            self.controls.append(a)
            if a.get("type") in ("radio", "checkbox"):
                if "checked" in a:
                    self.post(a["name"], a["value"])
            else:
                self.post(a["name"], a.get("value") or "")
        elif tag == "select":
            self.controls.append(a)
            self._select = {"name": a["name"], "first": None, "chosen": None}
        elif tag == "option" and self._select is not None:
            if self._select["first"] is None:
                self._select["first"] = a["value"]
            if "selected" in a:
                self._select["chosen"] = a["value"]
        elif tag == "textarea":
            self.controls.append(a)
            self._textarea = {"name": a["name"], "text": ""}

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None:
            s = self._select
            self.post(s["name"], s["chosen"] if s["chosen"] is not None else s["first"])
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = self._textarea["text"]
            self.post(self._textarea["name"], text.removeprefix("\n"))  # as browsers do
            self._textarea = None


QUESTION = SimpleNamespace(uid="q7", prompt_html=mark_safe("<p>Which <em>one</em> &amp; why?</p>"))


def render(qt: Any, spec: Any, response: Any, *, disabled: bool = False) -> Browser:
    html = render_to_string(
        qt.template,
        {
            "question": QUESTION,
            "spec": qt.public_spec(spec),
            "response": response,
            "disabled": disabled,
        },
    )
    browser = Browser()
    browser.feed(html)
    browser.close()
    return browser


# Browsers drop line breaks from one-line inputs; keep generated text to what a person can type.
typeable = st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Co", "Cn", "Zl", "Zp"])


@pytest.mark.parametrize("key", KEYS)
@PROPERTY
@given(data=st.data())
def test_the_template_posts_back_the_response_it_shows(key, data):
    qt, spec, _ = data.draw(cases(key))
    raw = data.draw(responses(key, spec))
    if key in ("short_text", "free_text"):
        raw = {"text": data.draw(st.text(alphabet=typeable, max_size=200))}
    response = qt.parse_response(raw, spec)
    browser = render(qt, spec, qt.dump_response(response))
    posted = qt.parse_response(qt.parse_form(spec, browser.form, QUESTION.uid), spec)
    assert posted == response


@pytest.mark.parametrize("key", KEYS)
@PROPERTY
@given(data=st.data())
def test_a_blank_form_reads_as_the_empty_response(key, data):
    qt, spec, _ = data.draw(cases(key))
    browser = render(qt, spec, None)
    assert qt.parse_form(spec, Form(), QUESTION.uid) == qt.dump_response(qt.empty_response(spec))
    assert qt.parse_form(spec, browser.form, QUESTION.uid) == qt.dump_response(
        qt.empty_response(spec)
    )


@pytest.mark.parametrize("key", KEYS)
@PROPERTY
@given(data=st.data())
def test_every_control_is_labelled_prefixed_and_free_of_inline_script_or_style(key, data):
    qt, spec, _ = data.draw(cases(key))
    browser = render(qt, spec, qt.dump_response(qt.correct_response(spec)), disabled=True)
    element_ids = [c["id"] for c in browser.controls]
    assert browser.controls
    assert len(element_ids) == len(set(element_ids))
    for control in browser.controls:
        assert control["id"] in browser.labels, control
        assert control["name"].startswith(f"{QUESTION.uid}-")
        assert "disabled" in control
    assert "script" not in browser.tags
    assert not [name for name, _ in browser.attributes if name == "style" or name.startswith("on")]


def test_the_template_escapes_author_text():
    qt = registry.get("single_choice")
    spec = qt.parse_spec(
        {
            "choices": [
                {"id": "a", "text": "<script>x</script>", "correct": True},
                {"id": "b", "text": "B"},
            ]
        }
    )
    assert "script" not in render(qt, spec, None).tags


def test_real_query_dicts_work_with_parse_form():
    from django.http import QueryDict

    qt = registry.get("multiple_choice")
    spec = qt.parse_spec(
        {"choices": [{"id": "a", "text": "A", "correct": True}, {"id": "b", "text": "B"}]}
    )
    assert qt.parse_form(spec, QueryDict("q7-choices=a&q7-choices=b"), "q7") == {
        "choices": ["a", "b"]
    }


def test_a_number_with_separators_round_trips_through_the_form():
    qt = registry.get("numeric")
    spec = qt.parse_spec({"answer": Decimal("6300")})
    browser = render(qt, spec, {"value": "6,300"})
    assert qt.grade(spec, qt.parse_form(spec, browser.form, "q7")).fraction == 1
