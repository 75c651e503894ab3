"""What an app server process does once as it starts, instead of in its first requests.

Django loads the URL patterns (so every view module) and their reverse lookup, the cache
client (so the Redis library) and each template on first use. In a new gunicorn worker that
made its first requests cost about half a second of CPU: at the bell, right after a deploy,
the first students of every worker waited for it (docs/performance.md). `warm()` does that
work at start, and reads no database, cache or file that a request writes.

It also checks one password's worth of Argon2id until the C library's allocator keeps the
memory a check needs (19 MiB): the first checks of a process map it afresh and fault in each
page, about 4,900 faults and 13 to 16 ms of system CPU each, and at the bell those are the first
logins of every worker."""

import gc
import logging
import resource
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

from accounts.hashers import argon2_known_answer_holds

log = logging.getLogger(__name__)


def warm() -> float:
    """Load the URL patterns and their reverse lookup, the caches' clients, the session and
    message classes, the context processors and the project's templates, and Argon2id's
    memory, then set all of it aside from the garbage collector; the CPU seconds it took."""
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
    _keep_argon2_memory()
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


# A check that maps its memory afresh faults in about 4,900 pages; one that reuses it, none.
# glibc serves the first such block with mmap and unmaps it when it is freed, which raises its
# mmap threshold; the second comes from the heap, which keeps it: two checks fault, then none.
_FRESH_MEMORY_FAULTS = 1_000
_ARGON2_TRIES = 4


def _page_faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def _keep_argon2_memory() -> bool:
    """Argon2id checks, at most `_ARGON2_TRIES`, until one reuses the memory of the one
    before; whether one did. The known answer's check is the work a login does."""
    for _ in range(_ARGON2_TRIES):
        before = _page_faults()
        if not argon2_known_answer_holds():  # check --deploy says so too (accounts.E001)
            log.error("Argon2 does not compute the known answer: passwords will not verify")
        if _page_faults() - before < _FRESH_MEMORY_FAULTS:
            return True
    log.warning("Argon2id still maps fresh memory after %d checks", _ARGON2_TRIES)
    return False
