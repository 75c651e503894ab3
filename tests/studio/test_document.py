"""An uploaded document's text: .txt, .md and .docx (read by python-docx, a real file made by
it here); anything else, or too large, refused with a clear status."""

import io

import pytest
from docx import Document

from studio.document import MAX_DOCUMENT_BYTES, document_text
from studio.errors import Code, StudioError


def docx_bytes(*paragraphs: str) -> bytes:
    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_document_gives_its_paragraphs_separated_by_blank_lines():
    data = docx_bytes("The Ferry", "", "It sailed at dawn. It came back at noon.")
    assert document_text(name="Report.DOCX", data=data) == (
        "The Ferry\n\nIt sailed at dawn. It came back at noon.\n"
    )


def test_plain_text_keeps_its_words_and_drops_a_byte_order_mark_and_windows_line_ends():
    data = "\ufeffTitle\r\n\r\nOne. Two.\r\n".encode()
    assert document_text(name="a.txt", data=data) == "Title\n\nOne. Two.\n"


def test_markdown_loses_its_heading_and_emphasis_marks():
    data = b"# The Ferry\n\nIt was **very** old."
    assert document_text(name="a.md", data=data) == "The Ferry\n\nIt was very old.\n"


@pytest.mark.parametrize(
    ("name", "data", "code", "status"),
    [
        ("a.pdf", b"%PDF-1.4", Code.FILE_TYPE, 415),
        ("noext", b"text", Code.FILE_TYPE, 415),
        ("a.txt", b"x" * (MAX_DOCUMENT_BYTES + 1), Code.FILE_TOO_LARGE, 413),
        ("a.txt", b"\xff\xfe\x00bad", Code.FILE_UNREADABLE, 400),
        ("a.docx", b"not a zip", Code.FILE_UNREADABLE, 400),
        ("a.txt", b"  \n\n ", Code.DOCUMENT_EMPTY, 400),
    ],
)
def test_what_cannot_be_a_document_is_refused_with_its_reason(name, data, code, status):
    with pytest.raises(StudioError) as refused:
        document_text(name=name, data=data)
    assert (refused.value.code, refused.value.status) == (code, status)
