import base64

import argon2
from django.contrib.auth.hashers import (
    Argon2PasswordHasher,
    PBKDF2PasswordHasher,
    check_password,
    identify_hasher,
    make_password,
)
from django.test import override_settings

from accounts import hashers
from accounts.checks import argon2_computes_argon2id
from accounts.hashers import SchoolArgon2PasswordHasher, argon2_known_answer_holds
from config.settings import base

PASSWORD = "a long pass phrase"


@override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS)
def test_new_passwords_are_hashed_with_argon2id_at_owasps_minimum():
    encoded = make_password(PASSWORD)
    params = argon2.extract_parameters(encoded.removeprefix("argon2"))
    assert params.type is argon2.Type.ID
    assert (params.memory_cost, params.time_cost, params.parallelism) == (19_456, 2, 1)
    assert check_password(PASSWORD, encoded)
    assert not check_password("another pass phrase", encoded)
    assert not identify_hasher(encoded).must_update(encoded)


@override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS)
def test_a_pbkdf2_hash_still_verifies_and_is_rehashed_with_argon2id_at_login():
    for iterations in (600_000, 1_000_000):  # this project's old hashes, and Django's default
        old = PBKDF2PasswordHasher().encode(PASSWORD, "saltsaltsalt", iterations)
        updated = []
        assert check_password(PASSWORD, old, setter=updated.append)
        assert updated == [PASSWORD]
        assert not check_password("another pass phrase", old)


@override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS)
def test_an_argon2_hash_with_djangos_heavier_parameters_is_rehashed_once():
    old = Argon2PasswordHasher().encode(PASSWORD, "saltsaltsaltsalt")
    updated = []
    assert check_password(PASSWORD, old, setter=updated.append)
    assert updated == [PASSWORD]


def test_the_installed_argon2_library_computes_argon2id_as_the_reference_does():
    # The known answer came from PyPI's generic build and from libsodium, an independent
    # implementation; a build for the server's CPU (scripts/build-argon2.sh) must reproduce it,
    # or every stored hash would stop verifying.
    assert argon2_known_answer_holds()


def test_the_known_answer_is_computed_as_a_stored_password_is_checked():
    # The digest Django stores for a password, with our hasher and a given salt, is the one
    # `argon2id_digest` computes: the known answer tests the computation logins run.
    password, salt = "correct horse battery staple", "source-lab-salt!"
    encoded = SchoolArgon2PasswordHasher().encode(password, salt)
    stored = base64.b64decode(encoded.rsplit("$", 1)[1] + "==")

    assert hashers.argon2id_digest(password.encode(), salt.encode()) == stored


def test_a_build_that_computes_another_hash_fails_the_known_answer(monkeypatch):
    password, salt, expected = hashers.KNOWN_ANSWER
    wrong = f"{int(expected[0], 16) ^ 1:x}{expected[1:]}"  # one bit off
    monkeypatch.setattr(hashers, "KNOWN_ANSWER", (password, salt, wrong))
    assert not argon2_known_answer_holds()


def test_check_deploy_refuses_an_argon2_library_that_computes_another_hash(monkeypatch):
    assert argon2_computes_argon2id() == []
    password, salt, expected = hashers.KNOWN_ANSWER
    monkeypatch.setattr(hashers, "KNOWN_ANSWER", (password, salt, "0" * len(expected)))
    assert [message.id for message in argon2_computes_argon2id()] == ["accounts.E001"]
