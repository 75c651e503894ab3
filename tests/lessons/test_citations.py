"""Citations `[@id]` render as numbered links to the page's reference list: the number is the
entry's position in that list, the same wherever the work is cited on the page."""

from lessons.markdown import number_citations, render_markdown

HIDDEN = '<span class="visually-hidden">reference </span>'
REFERENCE_LIST = '<ol><li id="ref-minutes">Minutes</li><li id="ref-petition">Petition</li></ol>'


def test_a_citation_gets_the_number_of_its_entry_in_the_page_list():
    body = render_markdown("The council met [@petition]. It voted [@minutes] [@petition].")
    html = number_citations(str(body) + REFERENCE_LIST)
    assert f'<a href="#ref-petition" rel="noopener noreferrer">[{HIDDEN}2]</a>' in html
    assert html.count(">2]</a>") == 2
    assert f'<a href="#ref-minutes" rel="noopener noreferrer">[{HIDDEN}1]</a>' in html


def test_the_raw_id_never_reaches_the_page():
    html = number_citations(str(render_markdown("As the minutes say [@minutes].")) + REFERENCE_LIST)
    assert "[minutes]" not in html


def test_a_fragment_without_a_list_is_numbered_by_the_keys_it_is_given():
    html = number_citations(str(render_markdown("See [@petition].")), ["minutes", "petition"])
    assert ">2]</a>" in html


def test_a_work_missing_from_the_list_gets_the_next_free_number_once():
    html = number_citations(str(render_markdown("[@other] and [@other].")) + REFERENCE_LIST)
    assert html.count(">3]</a>") == 2
