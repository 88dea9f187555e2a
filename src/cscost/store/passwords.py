"""Password hashes: argon2id by argon2-cffi, with its default (RFC 9106 low-memory) costs."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


def password_hash(password: str) -> str:
    """The argon2id hash of ``password`` (salted; a new salt each call)."""
    return _hasher.hash(password)


def password_matches(stored_hash: str, password: str) -> bool:
    """Whether ``password`` is the one ``stored_hash`` was made from."""
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


DUMMY_HASH = password_hash("not a password of anybody")
"""Verified against when the email is unknown, so both cases take the same time."""
