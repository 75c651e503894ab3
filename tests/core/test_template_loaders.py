"""Templates lose their indentation as they load, and nothing else (core/template_loaders.py)."""

from django.template import Context, Template

from core.template_loaders import strip_indentation


def test_indentation_and_blank_lines_go_but_one_newline_stays_between_words():
    source = "<p>\n    <span>a</span>\n\n    <span>b</span>\n  </p>\n"
    assert strip_indentation(source) == "<p>\n<span>a</span>\n<span>b</span>\n</p>\n"


def test_a_line_holding_only_a_silent_tag_loses_its_newline_too():
    source = "<ul>\n  {% for x in xs %}\n    <li>{{ x }}</li>\n  {% endfor %}\n</ul>"
    stripped = strip_indentation(source)
    assert (
        Template(stripped).render(Context({"xs": [1, 2]})) == "<ul>\n<li>1</li>\n<li>2</li>\n</ul>"
    )


def test_a_tag_that_prints_keeps_its_newline_so_words_never_run_together():
    source = "{% load i18n %}\n<p>\n  {% translate 'one' %}\n  {% translate 'two' %}\n</p>"
    assert Template(strip_indentation(source)).render(Context()) == "<p>\none\ntwo\n</p>"


def test_pre_textarea_and_verbatim_keep_their_text_as_written():
    source = (
        "<div>\n  <pre>a\n    b</pre>\n  <textarea>\n  typed\n</textarea>\n"
        "  {% verbatim %}\n    {{ raw }}\n  {% endverbatim %}\n</div>"
    )
    stripped = strip_indentation(source)
    assert "<pre>a\n    b</pre>" in stripped
    assert "<textarea>\n  typed\n</textarea>" in stripped
    assert "{% verbatim %}\n    {{ raw }}\n  {% endverbatim %}" in stripped
