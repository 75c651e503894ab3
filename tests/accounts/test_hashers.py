from django.contrib.auth.hashers import (
    PBKDF2PasswordHasher,
    check_password,
    get_hasher,
    identify_hasher,
    make_password,
)
from django.test import override_settings

from config.settings import base


@override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS)
def test_passwords_are_hashed_with_pbkdf2_at_600000_iterations():
    encoded = make_password("a long pass phrase")
    assert encoded.startswith("pbkdf2_sha256$600000$")
    assert identify_hasher(encoded).iterations == get_hasher().iterations == 600_000
    assert check_password("a long pass phrase", encoded)
    assert not identify_hasher(encoded).must_update(encoded)


@override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS)
def test_a_hash_with_more_iterations_still_verifies_and_is_rehashed_once():
    old = PBKDF2PasswordHasher().encode("a long pass phrase", "saltsaltsalt", 1_000_000)
    updated = []
    assert check_password("a long pass phrase", old, setter=updated.append)
    assert updated == ["a long pass phrase"]
