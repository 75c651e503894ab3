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
