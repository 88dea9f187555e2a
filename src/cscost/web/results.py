"""Results of a version: the evaluation JSON, the result page, the downloads, the
comparison of two versions — each cached in the store by the scenario's content hash.

The evaluation JSON is built exactly as ``cscost evaluate --format json`` builds it
(:func:`cscost.report.words.evaluation_document` through ``json_text``), so the API
answers the CLI's document byte for byte. Language ``""`` means the scenario's own
``locale``, as on the command line.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from cscost import __version__, _api
from cscost.evaluate.evaluation import Evaluation
from cscost.io.tables.writers import csv_text, json_text
from cscost.model import Scenario
from cscost.pricing.bill import BILL_COLUMNS
from cscost.report import i18n
from cscost.report.words import evaluation_document
from cscost.store.models import Version
from cscost.store.queries import cached, remember
from cscost.web.memo import ContentMemo
from cscost.web.scenarios import changed_inputs, document, validated

DOWNLOADS = {
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
}
"""Download kinds and their media types: the three reports and the bill."""

PLOTLY_SRC = "/static/plotly.min.js"


class _Evaluations:
    """The last few evaluations in memory, by content hash (a page and its downloads).

    One content is evaluated once even when many ask at the same time, and at most
    :data:`PARALLEL_EVALUATIONS` evaluations run at once, so that pages of cached results
    stay quick while the CPU is busy evaluating.
    """

    def __init__(self, size: int = 8) -> None:
        self._memo: ContentMemo[tuple[Scenario, Evaluation]] = ContentMemo(size)
        self._slots = threading.BoundedSemaphore(PARALLEL_EVALUATIONS)

    def get(self, version: Version) -> tuple[Scenario, Evaluation]:
        """The scenario and evaluation of the version's content."""

        def evaluated() -> tuple[Scenario, Evaluation]:
            with self._slots:
                name = f"v{version.number}.{version.fmt}"
                scenario = validated(version.text, version.fmt, name)
                return scenario, _api.evaluate(scenario, forecasted=_api.forecasts(scenario))

        return self._memo.get(version.content_hash, evaluated)


class _Bodies:
    """Cached result bodies in memory too (up to ``budget_bytes``), before the store."""

    def __init__(self, budget_bytes: int = 128 * 1024 * 1024) -> None:
        self._items: OrderedDict[tuple[str, str, str], bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._size = 0
        self.budget_bytes = budget_bytes

    def get(self, key: tuple[str, str, str]) -> bytes | None:
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
            return body

    def put(self, key: tuple[str, str, str], body: bytes) -> None:
        with self._lock:
            if key in self._items:
                return
            self._items[key] = body
            self._size += len(body)
            while self._size > self.budget_bytes and len(self._items) > 1:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped)


PARALLEL_EVALUATIONS = 2
BODIES = _Bodies()


EVALUATIONS = _Evaluations()


def language_of(version: Version, lang: str) -> i18n.Lang:
    """The language asked for, or the scenario's ``locale`` when ``lang`` is empty."""
    if lang:
        return i18n.lang(lang)
    scenario, _ = EVALUATIONS.get(version)
    return i18n.lang(scenario.scenario.locale)


def result_key(version: Version) -> str:
    """The cache key of the version's results: its content hash and this cscost's version
    (a new release computes and words results anew)."""
    return hashlib.sha256(f"{version.content_hash}:{__version__}".encode()).hexdigest()


def in_memory(version: Version, lang: str, kind: str) -> bytes | None:
    """A result body if it is cached in this process (no database, no computing)."""
    return BODIES.get((result_key(version), lang, kind))


def _cached(session: Session, version: Version, lang: str, kind: str) -> bytes | None:
    key = (result_key(version), lang, kind)
    body = BODIES.get(key)
    if body is None:
        body = cached(session, *key)
        if body is not None:
            BODIES.put(key, body)
    if body is None:
        session.commit()  # ends the read: no connection held while the result is computed
    return body


def _remember(session: Session, version: Version, lang: str, kind: str, body: bytes) -> None:
    BODIES.put((result_key(version), lang, kind), body)
    remember(session, result_key(version), lang, kind, body)


_making: dict[tuple[str, str, str], threading.Lock] = {}
_making_lock = threading.Lock()


def _body(
    session: Session, version: Version, lang: str, kind: str, make: Callable[[], bytes]
) -> bytes:
    """The cached body, else ``make()`` remembered — made once when many ask together."""
    body = _cached(session, version, lang, kind)
    if body is not None:
        return body
    key = (result_key(version), lang, kind)
    with _making_lock:
        lock = _making.setdefault(key, threading.Lock())
    with lock:
        body = _cached(session, version, lang, kind)  # made while this request waited
        if body is None:
            body = make()
            _remember(session, version, lang, kind, body)
    with _making_lock:
        _making.pop(key, None)
    return body


def evaluation_json(session: Session, version: Version, lang: str = "") -> bytes:
    """The ``cscost evaluate --format json`` document of the version, as UTF-8 bytes."""

    def make() -> bytes:
        _, evaluation = EVALUATIONS.get(version)
        language = language_of(version, lang)
        return json_text(evaluation_document(evaluation, language.code)).encode()

    return _body(session, version, lang, "json", make)


RANKED = ("name", "rank", "total", "npv", "fte", "cost_per_contact")
"""The option fields of the version page's ranking."""


def ranking(session: Session, version: Version, lang: str) -> dict[str, Any]:
    """The currency and the options by rank (the fields of :data:`RANKED`), cached."""

    def make() -> bytes:
        doc = json.loads(evaluation_json(session, version, lang))
        options = sorted(doc["options"], key=lambda o: o["rank"])
        small = {
            "currency": doc["currency"],
            "options": [{k: o[k] for k in RANKED} for o in options],
        }
        return json.dumps(small).encode()

    found: dict[str, Any] = json.loads(_body(session, version, lang, "ranking", make))
    return found


def result_page(session: Session, version: Version, lang: str) -> bytes:
    """The report page of the version for the browser (plotly.js from :data:`PLOTLY_SRC`)."""

    def make() -> bytes:
        from cscost.report.html import render_html

        scenario, evaluation = EVALUATIONS.get(version)
        page = render_html(evaluation, scenario, i18n.lang(lang), plotly_src=PLOTLY_SRC)
        return page.encode()

    return _body(session, version, lang, "view", make)


def download(session: Session, version: Version, lang: str, kind: str, data_dir: Path) -> bytes:
    """A report (``html``, ``xlsx``, ``pdf``) or the bill (``csv``) of the version."""
    return _body(
        session, version, lang, kind, lambda: _made(version, i18n.lang(lang), kind, data_dir)
    )


def _made(version: Version, lang: i18n.Lang, kind: str, data_dir: Path) -> bytes:
    scenario, evaluation = EVALUATIONS.get(version)
    if kind == "csv":
        rows = ([getattr(row, c) for c in BILL_COLUMNS] for row in evaluation.bill)
        return ("\ufeff" + csv_text(BILL_COLUMNS, rows)).encode()
    if kind == "html":
        from cscost.report.html import render_html

        return render_html(evaluation, scenario, lang).encode()
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=data_dir, prefix="report-") as folder:
        path = Path(folder) / f"report.{kind}"
        if kind == "xlsx":
            from cscost.report.xlsx import write_xlsx

            write_xlsx(path, evaluation, scenario, lang)
        else:
            from cscost.report.pdf import write_pdf

            write_pdf(path, evaluation, scenario, lang)
        return path.read_bytes()


@dataclass(frozen=True)
class OptionRow:
    """One option in a comparison: a figure in version A, in B, and B − A."""

    option: str
    figure: str
    before: float | None
    after: float | None

    @property
    def difference(self) -> float | None:
        """``after − before`` when the option is in both."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


COMPARED = ("total", "npv", "fte")


def comparison(session: Session, a: Version, b: Version, lang: str) -> dict[str, Any]:
    """Total, NPV and FTE per option in both versions, and the inputs that changed."""
    left = json.loads(evaluation_json(session, a, lang))
    right = json.loads(evaluation_json(session, b, lang))
    before = {o["name"]: o for o in left["options"]}
    after = {o["name"]: o for o in right["options"]}
    names = [*before, *(n for n in after if n not in before)]
    rows = [
        OptionRow(
            name,
            figure,
            before[name][figure] if name in before else None,
            after[name][figure] if name in after else None,
        )
        for name in names
        for figure in COMPARED
    ]
    changes = changed_inputs(document(a.text, a.fmt), document(b.text, b.fmt))
    return {"currency": right["currency"], "rows": rows, "changes": changes}
