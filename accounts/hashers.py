from argon2.low_level import Type, hash_secret_raw
from django.contrib.auth.hashers import Argon2PasswordHasher, PBKDF2PasswordHasher


class SchoolArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane) instead of Django's 100 MiB x 8.

    A class logs in within the same minute on a 2-core server: one check costs about 22 ms of
    CPU here, against 144 ms for PBKDF2 at 600,000 iterations, and the memory cost still defeats
    GPU guessing (docs/decisions/0007-argon2id-passwords.md). Hashes made with other parameters
    verify, and are re-hashed at the next login."""

    time_cost = 2
    memory_cost = 19_456  # KiB
    parallelism = 1


class SchoolPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """Checks the PBKDF2 hashes written before Argon2id became the default (decision 0005);
    each is re-hashed with Argon2id at its owner's next login."""

    iterations = 600_000


# A known answer of Argon2id with the parameters above: PyPI's build of argon2-cffi-bindings
# and libsodium (PyNaCl), an independent implementation, both give it. `scripts/build-argon2.sh`
# compiles the library for the server's CPU, and a build that computes anything else must
# never check a password.
KNOWN_ANSWER = (
    b"correct horse battery staple",
    b"source-lab-salt!",
    "8137d31a15d42c4a0107a177eb8b5a6fc8fba97ce8573e304a59d994e5565694",
)


def argon2id_digest(password: bytes, salt: bytes) -> bytes:
    """Argon2id of `password` and `salt` with our parameters: the work of one password check."""
    hasher = SchoolArgon2PasswordHasher
    return hash_secret_raw(
        password,
        salt,
        time_cost=hasher.time_cost,
        memory_cost=hasher.memory_cost,
        parallelism=hasher.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def argon2_known_answer_holds() -> bool:
    """Whether the installed Argon2 library computes `KNOWN_ANSWER` with our parameters."""
    password, salt, expected = KNOWN_ANSWER
    return argon2id_digest(password, salt).hex() == expected
