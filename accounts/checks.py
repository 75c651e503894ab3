"""System checks of the accounts app (`manage.py check --deploy`)."""

from django.core import checks

from .hashers import argon2_known_answer_holds


@checks.register(checks.Tags.security, deploy=True)
def argon2_computes_argon2id(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """accounts.E001: the installed Argon2 library does not compute Argon2id's known answer,
    so no stored password would verify: a bad build for the server's CPU (decision 0020). A
    build copied to a CPU without AVX2 stops here with "illegal instruction", before gunicorn
    starts. Deploy checks only: it costs one password hash."""
    if argon2_known_answer_holds():
        return []
    return [
        checks.Error(
            "The installed Argon2 library computes wrong Argon2id hashes: no password would "
            "verify.",
            hint=(
                "Run `bash scripts/build-argon2.sh` on this server again, or put back PyPI's "
                "build: pip install --force-reinstall --no-deps --only-binary :all: "
                "argon2-cffi-bindings==<the version in requirements/base.txt>."
            ),
            id="accounts.E001",
        )
    ]
