"""The core's codes in words: audit findings, break-even crossings, the recommendation.

The core returns codes, numbers and names (:class:`cscost.evaluate.audit.AuditFinding`,
:class:`cscost.decide.breakeven.Crossing`,
:class:`cscost.decide.recommendation.Recommendation`); this module turns them into en or
zh text from the data files ``data/audit.json`` and ``data/recommendation.json``, and
builds the JSON documents that ``cscost evaluate --format json`` prints (the core's
``to_dict()`` with the texts added). ``lang`` is a language code: ``en`` or ``zh``
(``zh_CN`` is read as ``zh``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cscost.decide.breakeven import Crossing
    from cscost.decide.recommendation import Decision, Recommendation
    from cscost.evaluate.audit import AuditFinding
    from cscost.evaluate.evaluation import Evaluation


def language_key(lang: str) -> str:
    """``zh`` for any Chinese code (``zh``, ``zh_CN``, ``zh-CN``), else ``en``."""
    return "zh" if lang.lower().startswith("zh") else "en"


def _data(name: str) -> Any:
    return json.loads(resources.files("cscost.data").joinpath(name).read_text("utf-8"))


@cache
def _audit_texts() -> Mapping[str, Mapping[str, tuple[str, str]]]:
    """category → language → (title, question)."""
    return {
        item["category"]: {key: (item[key]["title"], item[key]["question"]) for key in ("en", "zh")}
        for item in _data("audit.json")["categories"]
    }


def audit_title(category: str, lang: str = "en") -> str:
    """The title of an audit category, e.g. ``setup`` → "Setup and transition fees"."""
    return _audit_texts()[category][language_key(lang)][0]


def audit_question(category: str, lang: str = "en") -> str:
    """The question to ask a vendor whose quote is silent on ``category``."""
    return _audit_texts()[category][language_key(lang)][1]


def finding_question(finding: AuditFinding, lang: str = "en") -> str:
    """The finding's question when the category is missing, else the empty string."""
    return audit_question(finding.category, lang) if finding.status == "missing" else ""


@cache
def recommendation_texts(lang: str) -> Mapping[str, Any]:
    """The recommendation's sentence templates in ``lang``."""
    catalogue: dict[str, dict[str, Any]] = _data("recommendation.json")
    return catalogue[language_key(lang)]


def crossing_text(crossing: Crossing, lang: str = "en") -> str:
    """E.g. 'Pacific is cheaper than in-house above 1.32× forecast' (``lang`` en or zh)."""
    return str(recommendation_texts(lang)["crossing"]).format(
        above=crossing.cheaper_above, below=crossing.cheaper_below, factor=crossing.factor
    )


def _headline(rec: Recommendation, t: Mapping[str, Any]) -> str:
    if rec.runner_up is None or rec.runner_up_score is None:
        return str(t["only"]).format(best=rec.best, npv=rec.best_npv, currency=rec.currency)
    return str(t["best"]).format(
        best=rec.best,
        best_score=rec.best_score,
        runner=rec.runner_up,
        runner_score=rec.runner_up_score,
        score_margin=rec.score_margin,
        npv=rec.best_npv,
        npv_margin=abs(rec.npv_margin),
        currency=rec.currency,
        cheaper_or_dearer=t["cheaper"] if rec.npv_margin >= 0 else t["dearer"],
    )


def recommendation_text(rec: Recommendation, lang: str = "en") -> str:
    """The recommendation in words: headline, what would change it, what to ask."""
    t = recommendation_texts(lang)
    lines = [_headline(rec, t), str(t["flips_heading"])]
    lines += [f"- {str(t['flip_volume']).format(**vars(c))}" for c in rec.crossings]
    if rec.volume_range is not None and not rec.crossings:
        low, high = rec.volume_range
        lines.append(f"- {str(t['no_volume_flip']).format(best=rec.best, low=low, high=high)}")
    lines += [
        "- "
        + str(t["flip_weight"]).format(
            option=f.option,
            criterion=t["criteria"][f.criterion],
            before=f.weight_before,
            after=f.weight_after,
        )
        for f in rec.weight_flips
    ]
    if not rec.weight_flips:
        lines.append(f"- {t['no_weight_flip']}")
    if rec.questions:
        lines.append(str(t["questions_heading"]))
        lines += [
            f"- {str(t['question']).format(vendor=v, question=audit_question(c, lang))}"
            for v, c in rec.questions
        ]
    else:
        lines.append(str(t["no_questions"]))
    return "\n".join(lines)


def recommendation_document(rec: Recommendation, lang: str = "en") -> dict[str, Any]:
    """The recommendation's JSON: its language, its data, the questions and the text."""
    doc = rec.to_dict()
    doc["questions"] = [
        {"vendor": v, "question": audit_question(c, lang)} for v, c in rec.questions
    ]
    return {"lang": language_key(lang), **doc, "text": recommendation_text(rec, lang)}


def evaluation_document(evaluation: Evaluation, lang: str = "en") -> dict[str, Any]:
    """:meth:`Evaluation.to_dict` with each audit finding's title and question in ``lang``."""
    doc = evaluation.to_dict()
    doc["audit"] = [
        {
            **entry,
            "title": audit_title(f.category, lang),
            "question": finding_question(f, lang),
        }
        for entry, f in zip(doc["audit"], evaluation.audit, strict=True)
    ]
    return doc


def decision_document(decision: Decision, lang: str = "en") -> dict[str, Any]:
    """:meth:`Decision.to_dict` with the crossings' and the recommendation's texts."""
    doc = decision.to_dict()
    doc["breakeven"]["crossings"] = [
        {**entry, "text": crossing_text(c, lang)}
        for entry, c in zip(
            doc["breakeven"]["crossings"], decision.breakeven.crossings, strict=True
        )
    ]
    doc["recommendation"] = recommendation_document(decision.recommendation, lang)
    return doc
