"""What a browser would post of a rendered form: the successful controls of an HTML fragment
(inputs with their values, checked boxes and radios, selected options, text areas), read with
the standard library's HTML parser. Buttons are left out, as when a form is submitted by
pressing Enter; `press` adds one."""

from __future__ import annotations

from html.parser import HTMLParser

from django.http import QueryDict


class _Form(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pairs: list[tuple[str, str]] = []
        self._textarea: tuple[str, list[str]] | None = None
        self._select: tuple[str, list[str], list[str]] | None = None  # name, selected, first
        self._option: tuple[str, bool] | None = None
        self._option_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if "disabled" in a:
            return
        if tag == "input" and "name" in a:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.pairs.append((a["name"], a.get("value", "on")))
            elif kind not in ("submit", "button", "image", "reset", "file"):
                self.pairs.append((a["name"], a.get("value", "")))
        elif tag == "textarea" and "name" in a:
            self._textarea = (a["name"], [])
        elif tag == "select" and "name" in a:
            self._select = (a["name"], [], [])
        elif tag == "option" and self._select is not None:
            self._option = (a.get("value"), "selected" in a)  # type: ignore[assignment]
            self._option_text = []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)
        if self._option is not None:
            self._option_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None:
            text = "".join(self._textarea[1])
            # HTML drops one newline right after <textarea>, as a browser does.
            self.pairs.append((self._textarea[0], text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value, selected = self._option
            value = value if value is not None else "".join(self._option_text).strip()
            if not self._select[2]:
                self._select[2].append(value)
            if selected:
                self._select[1].append(value)
            self._option = None
        elif tag == "select" and self._select is not None:
            name, selected, first = self._select
            chosen = selected[-1:] or first
            self.pairs.extend((name, value) for value in chosen)
            self._select = None


def form_data(html: str, press: tuple[str, str] | None = None) -> QueryDict:
    parser = _Form()
    parser.feed(html)
    data = QueryDict(mutable=True)
    for name, value in parser.pairs + ([press] if press else []):
        data.appendlist(name, value)
    return data
