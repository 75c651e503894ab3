"""What an app server process does once as it starts, instead of in its first requests.

Django loads the URL patterns (so every view module) and their reverse lookup, the cache
client (so the Redis library) and each template on first use. In a new gunicorn worker that
made its first requests cost about half a second of CPU: at the bell, right after a deploy,
the first students of every worker waited for it (docs/performance.md). `warm()` does that
work at start, and reads no database, cache or file that a request writes."""

import gc
import logging
import time
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


def warm() -> float:
    """Load the URL patterns and their reverse lookup, the caches' clients, the session and
    message classes, the context processors and the project's templates, then set all of it
    aside from the garbage collector; the CPU seconds it took."""
    started = time.process_time()
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 - imports every view
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            resolver.reverse_dict  # noqa: B018 - what `{% url %}` reads, one per language
    for alias in settings.CACHES:
        caches[alias]  # the backend and its client library
    import_module(settings.SESSION_ENGINE)
    for path in (settings.SESSION_SERIALIZER, settings.MESSAGE_STORAGE):
        import_string(path)
    for engine in engines.all():
        getattr(engine, "engine", engine).template_context_processors  # noqa: B018 - imports them
    _compile_templates()
    # All of that lives as long as the process. Frozen, the collector no longer walks it: in a
    # warmed-up process a full collection took 109 ms with it, 10 ms without
    # (docs/performance.md).
    gc.collect()
    gc.freeze()
    took = time.process_time() - started
    log.info("warmed up in %.0f ms of CPU", took * 1000)
    return took


def project_templates() -> list[str]:
    """The names of the templates of the project's own directories and apps (not those of
    installed packages, which load as they are used)."""
    base = Path(settings.BASE_DIR).resolve()
    folders = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    folders += [Path(app.path) / "templates" for app in apps.get_app_configs()]
    names: set[str] = set()
    for folder in folders:
        folder = folder.resolve()
        if folder.is_dir() and folder.is_relative_to(base) and ".venv" not in folder.parts:
            names.update(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))
    return sorted(names)


def _compile_templates() -> None:
    """Each template compiled into the cached loader of every Django template engine."""
    for engine in engines.all():
        for name in project_templates():
            try:
                engine.get_template(name)
            except TemplateDoesNotExist:  # not this engine's
                continue
            except TemplateSyntaxError:
                # Served as before: the page that uses it fails, not the server's start.
                log.exception("template %s does not compile", name)
