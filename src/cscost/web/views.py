"""Rendering the pages: the Jinja2 environment (autoescape on everywhere), the words of
the page chrome in en and zh, and the CSRF cookie each page's forms repeat.

Report terms (Option, Total, NPV, FTE, Difference …) come from the report's gettext
catalog; only words that are the web app's own are in ``web/words.json``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from cscost.report import i18n
from cscost.store.models import User
from cscost.web.security import CSRF_COOKIE, CSRF_FIELD, Signer


@cache
def environment() -> jinja2.Environment:
    """The page templates of the package, autoescaped, undefined names an error."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("cscost.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _words() -> dict[str, dict[str, str]]:
    text = resources.files("cscost.web").joinpath("words.json").read_text(encoding="utf-8")
    words: dict[str, dict[str, str]] = json.loads(text)
    return words


def word(key: str, lang: str) -> str:
    """The page word ``key`` in ``lang`` (``en`` or ``zh``); the key itself if unknown."""
    entry = _words().get(key)
    return entry.get(lang, entry["en"]) if entry else key


def page_lang(request: Request, user: User | None) -> str:
    """The page language: the user's setting, else ``?lang=``, else en."""
    if user is not None:
        return user.lang if user.lang in i18n.LANGUAGES else "en"
    asked = request.query_params.get("lang", "en")
    return asked if asked in i18n.LANGUAGES else "en"


def csrf_token(request: Request) -> str:
    """The CSRF cookie's value if it is valid, else a new one (set by :func:`render`)."""
    signer: Signer = request.app.state.signer
    cookie = request.cookies.get(CSRF_COOKIE)
    if cookie and signer.csrf_valid(cookie, cookie):
        return cookie
    fresh: str | None = getattr(request.state, "csrf", None)
    if fresh is None:
        fresh = signer.csrf_value()
        request.state.csrf = fresh
    return fresh


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    user: User | None = None,
    status: int = 200,
) -> HTMLResponse:
    """The page ``template`` in the user's language, with the CSRF cookie set."""
    lang = page_lang(request, user)
    language = i18n.lang(lang)
    token = csrf_token(request)
    body = (
        environment()
        .get_template(template)
        .render(
            {
                "request_path": request.url.path,
                "user": user,
                "lang": lang,
                "html_lang": "zh-CN" if lang == "zh" else "en",
                "w": lambda key: word(key, lang),
                "_": language.gettext,
                "number": language.number,
                "csrf_field": CSRF_FIELD,
                "csrf_token": token,
                **context,
            }
        )
    )
    response = HTMLResponse(body, status)
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-ancestors 'self'"
    )
    if request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="lax", path="/")
    return response


def error_page(request: Request, status: int, detail: str) -> HTMLResponse:
    """An error page (404, 403, 409 …) in the language of ``?lang=`` or en."""
    return render(request, "error.html", {"status": status, "detail": detail}, status=status)
