"""Figure files: a PNG or an SVG inside the package folder, within the size limit, and, for
an SVG, nothing a browser would run or fetch.

An SVG is refused (not silently cleaned) when it holds a script, an event handler, embedded
HTML, a DOCTYPE or entity (which could expand without bound), or a link to anything outside
the file: the author learns why, and what is stored is exactly what was checked. The page
shows figures with ``<img>`` (where an SVG runs no script anyway) from a view that sends a
``Content-Security-Policy`` of its own (``learning.views.figure``)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from authoring.package.limits import FIGURE_BYTES

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MEDIA_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}
_FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "audio", "video"}
_HREF = {"href", "{http://www.w3.org/1999/xlink}href"}
_EXTERNAL_URL = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)


def read_figure(folder: Path, name: str) -> tuple[str, bytes] | str:
    """(media type, bytes) of the figure file ``name`` in ``folder``, or why it cannot be used."""
    target = (folder / name).resolve()
    if not target.is_relative_to(folder.resolve()):
        return f"'{name}' must be a file inside the package folder"
    if not target.is_file():
        return f"file '{name}' not found in the package folder"
    data = target.read_bytes()
    if len(data) > FIGURE_BYTES:
        size = f"'{name}' is {len(data)} bytes: at most {FIGURE_BYTES}"
        return f"{size} (a figure a phone loads quickly)"
    media_type = MEDIA_TYPES[target.suffix.lower()]
    problem = _png_problem(data) if media_type == "image/png" else svg_problem(data)
    return f"'{name}': {problem}" if problem else (media_type, data)


def _png_problem(data: bytes) -> str | None:
    return None if data.startswith(PNG_SIGNATURE) else "not a PNG image"


def svg_problem(data: bytes) -> str | None:
    """Why this SVG may not be shown, or None when it is a plain, self-contained drawing."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "not UTF-8 text; save the SVG as UTF-8"
    if "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper():
        return "a DOCTYPE or entity is not allowed in a figure"
    try:
        root = ET.fromstring(text)  # noqa: S314  # no DOCTYPE or entity can reach the parser
    except ET.ParseError as exc:
        return f"not well-formed SVG ({exc})"
    if _local(root.tag) != "svg":
        return "not an SVG image: the outermost element must be <svg>"
    for element in root.iter():
        name = _local(element.tag)
        if name in _FORBIDDEN_ELEMENTS:
            return f"<{name}> is not allowed in a figure"
        for attribute, value in element.attrib.items():
            if _local(attribute).lower().startswith("on"):
                return f"the event handler {_local(attribute)}= is not allowed in a figure"
            if attribute in _HREF and not value.startswith("#"):
                return f"the link {value!r} points outside the figure: only '#id' links are allowed"
            if _EXTERNAL_URL.search(value):
                return f"url(...) outside the figure is not allowed ({value[:40]!r})"
        if name == "style" and (
            _EXTERNAL_URL.search(element.text or "") or "@import" in (element.text or "")
        ):
            return "a <style> that loads anything from outside the figure is not allowed"
    return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""
