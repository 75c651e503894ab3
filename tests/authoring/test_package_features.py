"""The optional package features (parts, extensions, excerpts, figures, the timeline, reading
levels) on broken copies of the example package: every mistake reported at its line."""

from __future__ import annotations

import pytest

from authoring.package.figures import svg_problem
from authoring.package.limits import FIGURE_BYTES


def test_the_example_uses_every_feature(example_copy):
    package = example_copy.validate().package
    assert package is not None
    assert [p.steps for p in package.parts] == [
        ("context", "sourcing", "close_reading", "perspective"),
        ("fact_interpretation", "corroboration", "quiz", "reflection"),
    ]
    assert [f.id for f in package.figures] == ["millbrook-map"]
    assert package.figures[0].media_type == "image/svg+xml"
    assert [e.date for e in package.timeline] == ["1908", "1911-03-14", "1911-05-04"]
    assert package.steps[0].body_simpler.startswith("Before 1911 there was no bridge")
    assert package.steps[0].figures == ("millbrook-map",)
    assert package.steps[0].timeline is True
    questions = {q.id: q for q in package.questions()}
    assert questions["ctx-timeline"].extension is True
    assert (
        questions["cr-river"].prompt_simpler
        == "What is the name of the river under the new bridge?"
    )
    assert package.sources[1].excerpts[0].locator == "Minutes of 8 May 1911, item 2"
    assert package.source.excerpts[0].quote.startswith("Surely every citizen")


# --- parts -------------------------------------------------------------------------------


def test_a_part_naming_an_unknown_step_is_reported_at_the_name(example_copy):
    example_copy.edit(
        "steps: [context, sourcing, close_reading, perspective]",
        "steps: [context, sourcing, close_reading, perspektive]",
    )
    assert example_copy.errors() == [
        (
            example_copy.line("parts:"),
            "parts",
            "steps in no part: perspective (each step is in one part)",
        ),
        (
            example_copy.line("perspektive]"),
            "parts[0].steps[3]",
            "no step 'perspektive' in this lesson: did you mean 'perspective'?",
        ),
    ]


def test_a_step_in_two_parts_is_reported(example_copy):
    example_copy.edit(
        "steps: [fact_interpretation, corroboration",
        "steps: [perspective, fact_interpretation, corroboration",
    )
    [(line, path, message)] = example_copy.errors()
    assert (line, path) == (example_copy.line("steps: [perspective, fact"), "parts[1].steps[0]")
    assert message.startswith("step 'perspective' is already in a part (line ")


def test_parts_out_of_step_order_are_reported(example_copy):
    example_copy.edit(
        "steps: [context, sourcing, close_reading, perspective]",
        "steps: [sourcing, context, close_reading, perspective]",
    )
    assert example_copy.errors() == [
        (
            example_copy.line("steps: [sourcing, context"),
            "parts[0].steps[1]",
            "step 'context' is out of order: parts follow the steps' order",
        )
    ]


def test_a_quiz_item_cannot_be_an_extension(example_copy):
    example_copy.edit("    - id: q-toll\n", "    - id: q-toll\n      extension: true\n")
    assert example_copy.errors() == [
        (
            example_copy.line("extension: true")
            if False
            else example_copy.lines_with("extension: true")[1],
            "quiz.items[5].extension",
            "quiz items cannot be extensions: every student takes the whole quiz",
        )
    ]


# --- reading levels ----------------------------------------------------------------------


def test_a_leveled_text_needs_both_levels(example_copy):
    example_copy.edit(
        "          simpler: What is the name of the river under the new bridge?\n", ""
    )
    [(line, path, message)] = [e for e in example_copy.errors() if e[1].endswith("prompt")]
    assert path == "steps[2].activities[0].prompt"
    assert line == example_copy.line("- id: cr-river") + 2
    assert "simpler" in message


def test_an_unknown_level_is_reported_with_the_allowed_ones(example_copy):
    example_copy.edit("          simpler: What is the name", "          easier: What is the name")
    errors = example_copy.errors()
    assert any(
        line == example_copy.line("easier: What")
        and "unknown key 'easier'" in message
        and "standard, simpler" in message
        for line, _path, message in errors
    ), errors


# --- excerpts ----------------------------------------------------------------------------


def test_an_excerpt_in_quotation_marks_is_refused(example_copy):
    example_copy.edit(
        "      - quote: About 1,200 persons attended the opening of the bridge.",
        '      - quote: "“About 1,200 persons attended the opening of the bridge.”"',
    )
    assert example_copy.errors() == [
        (
            example_copy.line("“About 1,200"),
            "sources[1].excerpts[0].quote",
            "write the quotation without quotation marks: the page adds them",
        )
    ]


def test_an_excerpt_needs_a_locator_and_a_quote(example_copy):
    example_copy.edit("        locator: Minutes of 8 May 1911, item 2\n", "")
    example_copy.edit(
        "      - quote: A toll of one cent", "      - quote: ''\n        about: A toll of one cent"
    )
    errors = [(path, message) for _line, path, message in example_copy.errors()]
    assert ("sources[1].excerpts[0]", "missing field 'locator'") in errors
    assert ("sources[1].excerpts[1].quote", "must not be empty") in errors


# --- figures -----------------------------------------------------------------------------


def test_a_missing_figure_file_is_reported_at_its_line(example_copy):
    (example_copy.folder / "figures" / "millbrook-map.svg").unlink()
    assert example_copy.errors() == [
        (
            example_copy.line("file: figures/millbrook-map.svg"),
            "figures[0].file",
            "file 'figures/millbrook-map.svg' not found in the package folder",
        )
    ]


def test_a_figure_without_alt_text_is_refused(example_copy):
    example_copy.edit(
        "    alt: Sketch map of Millbrook.", "    description: Sketch map of Millbrook."
    )
    errors = example_copy.errors()
    assert (example_copy.line("- id: millbrook-map"), "figures[0]", "missing field 'alt'") in errors


def test_a_step_naming_an_unknown_figure_is_reported(example_copy):
    example_copy.edit("    figures: [millbrook-map]", "    figures: [millbrook-maps]")
    assert example_copy.errors() == [
        (
            example_copy.line("figures: [millbrook-maps]"),
            "steps[0].figures[0]",
            "unknown figure 'millbrook-maps': did you mean 'millbrook-map'? (known: millbrook-map)",
        )
    ]


def test_a_figure_outside_the_package_or_of_another_kind_is_refused(example_copy):
    example_copy.edit("    file: figures/millbrook-map.svg", "    file: ../secret.svg")
    [(line, path, message)] = example_copy.errors()
    assert (line, path) == (example_copy.line("file: ../secret.svg"), "figures[0].file")
    assert "inside the package folder" in message
    example_copy.edit("    file: ../secret.svg", "    file: figures/map.gif")
    [(_line, path, message)] = example_copy.errors()
    assert "is not a figure file: a .svg or .png file" in message


def test_a_figure_over_the_size_limit_is_refused(example_copy):
    svg = example_copy.folder / "figures" / "millbrook-map.svg"
    svg.write_text(svg.read_text().replace("</svg>", "<!--" + "x" * FIGURE_BYTES + "--></svg>"))
    [(_line, path, message)] = example_copy.errors()
    assert path == "figures[0].file"
    assert f"at most {FIGURE_BYTES}" in message


def test_a_png_must_be_a_png(example_copy):
    (example_copy.folder / "figures" / "map.png").write_bytes(b"GIF89a not a png")
    example_copy.edit("    file: figures/millbrook-map.svg", "    file: figures/map.png")
    assert example_copy.errors() == [
        (
            example_copy.line("file: figures/map.png"),
            "figures[0].file",
            "'figures/map.png': not a PNG image",
        )
    ]


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


@pytest.mark.parametrize(
    ("inside", "problem"),
    [
        ("<script>alert(1)</script>", "<script> is not allowed"),
        ('<rect onclick="alert(1)"/>', "the event handler onclick= is not allowed"),
        ("<foreignObject><p>hi</p></foreignObject>", "<foreignobject> is not allowed"),
        ('<image href="https://example.org/x.png"/>', "points outside the figure"),
        ('<a xlink:href="javascript:alert(1)"><text>x</text></a>', "points outside the figure"),
        ('<rect style="fill: url(https://example.org/x)"/>', "url(...) outside the figure"),
        ("<style>@import 'https://example.org/x.css';</style>", "a <style> that loads anything"),
        ("<rect", "not well-formed SVG"),
    ],
)
def test_an_svg_that_could_run_or_fetch_anything_is_refused(inside, problem):
    assert problem in svg_problem(SVG.format(inside).encode())


@pytest.mark.parametrize(
    "inside",
    [
        '<rect width="10" height="10" fill="url(#grad)"/>',
        '<use href="#shape"/>',
        "<title>Map</title><text x='1' y='2'>Khojaly</text>",
    ],
)
def test_a_plain_drawing_is_accepted(inside):
    assert svg_problem(SVG.format(inside).encode()) is None


def test_an_svg_with_a_doctype_or_entities_is_refused():
    bomb = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>'
    assert "DOCTYPE" in svg_problem(bomb)
    assert "outermost element must be <svg>" in svg_problem(b"<html/>")


# --- the timeline ------------------------------------------------------------------------


def test_a_timeline_event_without_a_citation_is_reported(example_copy):
    example_copy.edit(
        "    text: The *Courier* starts to call for a bridge [@mhs-1952].",
        "    text: The *Courier* starts to call for a bridge.",
    )
    assert example_copy.errors() == [
        (
            example_copy.line("starts to call for a bridge."),
            "timeline[1].text",
            "cite the source of this event: add [@id] to its text",
        )
    ]


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ('"1911-02-30"', "'1911-02-30' is not a real date"),
        ('"4 May 1911"', "'4 May 1911' is not a date written YYYY, YYYY-MM or YYYY-MM-DD"),
        ('"1911-13"', "'1911-13' is not a real date"),
    ],
)
def test_a_timeline_date_must_be_real_and_sortable(example_copy, date, message):
    example_copy.edit('  - date: "1908"', f"  - date: {date}")
    [(line, path, found)] = example_copy.errors()
    assert (line, path) == (example_copy.line(f"- date: {date}"), "timeline[1].date")
    assert message in found


def test_a_step_cannot_show_a_timeline_the_lesson_lacks(example_copy):
    text = example_copy.yaml.read_text(encoding="utf-8")
    start, end = text.index("timeline:\n  - date"), text.index("parts:\n")
    example_copy.yaml.write_text(text[:start] + text[end:], encoding="utf-8")
    assert example_copy.errors() == [
        (
            example_copy.line("    timeline: true"),
            "steps[0].timeline",
            "the lesson has no timeline to show",
        )
    ]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "www.example.org"])
def test_an_excerpts_link_must_be_a_web_address(example_copy, url):
    example_copy.edit(
        "        locator: Minutes of 8 May 1911, item 2\n",
        f"        locator: Minutes of 8 May 1911, item 2\n        url: '{url}'\n",
    )
    [(line, path, message)] = example_copy.errors()
    assert (line, path) == (example_copy.line(f"url: '{url}'"), "sources[1].excerpts[0].url")
    assert "is not a web address" in message


def test_a_figure_id_fits_its_column(example_copy):
    long_id = "m" * 81
    example_copy.edit("  - id: millbrook-map", f"  - id: {long_id}")
    example_copy.edit("    figures: [millbrook-map]", f"    figures: [{long_id}]")
    [(line, path, message)] = example_copy.errors()
    assert (line, path) == (example_copy.line(f"- id: {long_id}"), "figures[0].id")
    assert "at most 80 characters" in message


def test_a_leveled_field_of_the_wrong_shape_is_reported_once_at_its_key(example_copy):
    example_copy.edit(
        "    body: Look at the sourcing card before you read the text itself.",
        "    body: [standard, simpler]",
    )
    assert example_copy.errors() == [
        (
            example_copy.line("body: [standard, simpler]"),
            "steps[1].body",
            "Input should be a valid string (got a list)",
        )
    ]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "//evil.example"])
@pytest.mark.parametrize(
    ("before", "path"),
    [
        (
            "  audience: Readers of the town's weekly paper, most of them living in Millbrook."
            "\n  url: null\n",
            "source.url",
        ),
        ("    audience: The mayor and the Town Council\n    url: null\n", "sources[0].url"),
    ],
)
def test_a_source_link_must_be_a_web_address(example_copy, url, before, path):
    """Source and reference links become hrefs on the student's pages: only http(s)."""
    example_copy.edit(before, before.replace("url: null", f"url: '{url}'"))
    [(line, where, message)] = example_copy.errors()
    assert (line, where) == (example_copy.line(f"url: '{url}'"), path)
    assert "is not a web address" in message
