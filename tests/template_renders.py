"""Which templates a block of a test rendered (pytest-django instruments rendering)."""

from django.test.signals import template_rendered


class Renders:
    """The names of the templates rendered inside the `with` block, those starting with
    `prefix` only when one is given."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix

    def __enter__(self):
        self.names = []
        template_rendered.connect(self._seen)
        return self

    def _seen(self, sender, template, **kwargs):
        if template.name and template.name.startswith(self.prefix):
            self.names.append(template.name)

    def __exit__(self, *exc):
        template_rendered.disconnect(self._seen)
