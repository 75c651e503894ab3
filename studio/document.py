"""The text of an uploaded document: plain text, Markdown or Word (.docx, read by python-docx).

What comes out is the main source's text as the package stores it: paragraphs separated by a
blank line, which is how the sentence splitter finds paragraphs."""

import io
import re
import zipfile

from docx import Document
from docx.opc.exceptions import PackageNotFoundError

from authoring.package.segment import normalize_newlines

from .errors import Code, StudioError

MAX_DOCUMENT_BYTES = 2_000_000
TEXT_TYPES = (".txt", ".md")
WORD_TYPE = ".docx"

_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


def document_text(*, name: str, data: bytes) -> str:
    """The text of an uploaded file, or `StudioError` saying why there is none."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise StudioError(Code.FILE_TOO_LARGE, field="file", status=413)
    suffix = name.lower()[name.rfind(".") :] if "." in name else ""
    if suffix in TEXT_TYPES:
        try:
            text = normalize_newlines(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise StudioError(Code.FILE_UNREADABLE, field="file") from None
        if suffix == ".md":
            text = _EMPHASIS.sub(r"\2", _HEADING.sub("", text))
    elif suffix == WORD_TYPE:
        text = _word_text(data)
    else:
        raise StudioError(Code.FILE_TYPE, field="file", status=415)
    return document_clean(text)


def document_clean(text: str) -> str:
    """Newlines normalised, control characters dropped (they are not text a student can read),
    the text stripped; `StudioError` when nothing is left."""
    text = normalize_newlines(text)
    text = "".join(c for c in text if c in "\n\t" or c >= " ")
    text = text.strip()
    if not text:
        raise StudioError(Code.DOCUMENT_EMPTY, field="text")
    return text + "\n"


def _word_text(data: bytes) -> str:
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise StudioError(Code.FILE_UNREADABLE, field="file") from None
    except Exception as error:  # lxml's XMLSyntaxError and kin: a damaged file
        if type(error).__module__.startswith(("lxml", "docx")):
            raise StudioError(Code.FILE_UNREADABLE, field="file") from None
        raise
    paragraphs = [p.text.strip() for p in document.paragraphs]
    return "\n\n".join(p for p in paragraphs if p)
