"""Our templates without their indentation: the source is read once per process (the cached
loader keeps the compiled template), so the saving costs nothing per request.

djLint indents the templates for their readers; rendered as written, the indentation of a
table of radio buttons repeated per row and per column was a third of a lesson step's HTML.
Each line loses its leading whitespace and blank lines go, but one newline stays wherever
there was one, so text never runs together (HTML collapses a run of whitespace to one space).
A line holding only a tag that prints nothing itself (`{% if %}`, `{% endfor %}`, `{% memo %}`…)
also loses its newline. `<pre>`, `<textarea>` and `{% verbatim %}` keep their text as written.
Only `.html` files of the project's own template folders are touched; `{% blocktranslate %}`
spanning lines is always `trimmed` here, so its message ids are unaffected."""

import re

from django.template.loaders.filesystem import Loader as FilesystemLoader

KEEP = re.compile(
    r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>|{%\s*verbatim\s*%}.*?{%\s*endverbatim\s*%})",
    re.DOTALL | re.IGNORECASE,
)
INDENT = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")
SILENT_TAG_LINE = re.compile(
    r"^((?:{%-?\s*(?:if|elif|else|endif|for|empty|endfor|with|endwith|load|block|endblock"
    r"|extends|comment|endcomment|memo|endmemo)\b[^%]*%}|{#.*?#})+)\n",
    re.MULTILINE,
)


def strip_indentation(source: str) -> str:
    parts = KEEP.split(source)
    for index in range(0, len(parts), 2):  # the odd ones are kept as written
        text = INDENT.sub("\n", parts[index])
        if index == 0:
            text = text.lstrip(" \t")
        parts[index] = SILENT_TAG_LINE.sub(r"\1", text)
    return "".join(parts)


class Loader(FilesystemLoader):
    """The filesystem loader for the project's template folders (`DIRS`), stripping indentation."""

    def get_contents(self, origin) -> str:
        contents = super().get_contents(origin)
        return strip_indentation(contents) if origin.name.endswith(".html") else contents
