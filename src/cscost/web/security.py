"""Signed session cookies, API tokens and CSRF tokens; the login rate limit.

All three are itsdangerous signatures with the server's secret, each with its own salt,
so one kind is never accepted as another. The CSRF token is a signed double submit: a
random value in the ``cscost_csrf`` cookie that every state-changing form repeats in its
``csrf_token`` field.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque

from itsdangerous import BadSignature, URLSafeTimedSerializer

SESSION_COOKIE = "cscost_session"
CSRF_COOKIE = "cscost_csrf"
CSRF_FIELD = "csrf_token"


class Signer:
    """Makes and checks the session, API and CSRF tokens of one secret."""

    def __init__(self, secret: str, session_seconds: int, token_seconds: int) -> None:
        self._session = URLSafeTimedSerializer(secret, salt="cscost-session")
        self._token = URLSafeTimedSerializer(secret, salt="cscost-api-token")
        self._csrf = URLSafeTimedSerializer(secret, salt="cscost-csrf")
        self.session_seconds = session_seconds
        self.token_seconds = token_seconds

    def session_value(self, user_id: int) -> str:
        """The session cookie's value for ``user_id``."""
        return self._session.dumps({"u": user_id, "n": secrets.token_hex(8)})

    def session_user(self, value: str | None) -> int | None:
        """The user id of a valid, unexpired session cookie value, else None."""
        return _user_of(self._session, value, self.session_seconds)

    def api_token(self, user_id: int) -> str:
        """A bearer token for ``user_id``."""
        return self._token.dumps({"u": user_id, "n": secrets.token_hex(8)})

    def token_user(self, token: str | None) -> int | None:
        """The user id of a valid, unexpired bearer token, else None."""
        return _user_of(self._token, token, self.token_seconds)

    def csrf_value(self) -> str:
        """A fresh CSRF cookie value."""
        return self._csrf.dumps(secrets.token_hex(16))

    def csrf_valid(self, cookie: str | None, submitted: str | None) -> bool:
        """Whether the form's token repeats the cookie and the cookie is ours."""
        if not cookie or not submitted or not hmac.compare_digest(cookie, submitted):
            return False
        try:
            self._csrf.loads(cookie)
        except BadSignature:
            return False
        return True


def _user_of(serializer: URLSafeTimedSerializer, value: str | None, max_age: int) -> int | None:
    if not value:
        return None
    try:
        data = serializer.loads(value, max_age=max_age)
    except BadSignature:  # also SignatureExpired
        return None
    user = data.get("u") if isinstance(data, dict) else None
    return user if isinstance(user, int) else None


class RateLimiter:
    """At most ``per_minute`` attempts per key in any 60 seconds (in this process)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._attempts: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allowed(self, key: str) -> bool:
        """Record an attempt for ``key``; False when it is over the limit."""
        now = time.monotonic()
        with self._lock:
            attempts = self._attempts.setdefault(key, deque())
            while attempts and now - attempts[0] > 60:
                attempts.popleft()
            if len(attempts) >= self.per_minute:
                return False
            attempts.append(now)
            return True
