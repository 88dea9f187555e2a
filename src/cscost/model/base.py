"""Building blocks of the scenario contract: the base model and the small value types.

Every section of a scenario is a frozen pydantic model that rejects unknown keys
(:class:`Contract`). Field names carry their unit in Python (``aht_s``) while
the file keeps the short names of the contract (``aht``) as aliases; both are
accepted on input and the aliases are used on output and in the JSON Schema.

Value types:

- ``Money``: a plain number ≥ 0 in the stated currency;
- ``Fraction``: a share in [0, 1] (``percent`` fields are fractions too: 0.2 = 20 %);
- ``Duration`` / ``PositiveDuration``: seconds, written ``320s``, ``5m``, ``24h`` or a number;
- ``Identifier``: ids, tiers and languages (letters, digits, ``_`` and ``-``);
- ``CurrencyCode``: three capital letters (``CNY``, ``USD``);
- ``YearMonth``: ``YYYY-MM``; ``MonthRef``: a month index (0 = first month) or ``YYYY-MM``;
- ``Rate``: one number, or a table of numbers keyed by tier, language, ``tier/language``
  or ``*`` (see :func:`rate_for_key`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from cscost.model.bounds import FIRST_YEAR, LAST_YEAR
from cscost.model.units import duration_s


class Contract(BaseModel):
    """Base of every scenario section: frozen, unknown keys rejected, no NaN or infinity."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        allow_inf_nan=False,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        use_attribute_docstrings=True,
        str_strip_whitespace=True,
    )


def _duration(value: Any) -> float:
    try:
        return duration_s(value)
    except (TypeError, ValueError):
        raise PydanticCustomError(
            "duration",
            "expected a duration like 320s, 5m, 24h or a number of seconds ≥ 0",
        ) from None


_DURATION_SCHEMA = {
    "anyOf": [
        {"type": "number", "minimum": 0},
        {"type": "string", "pattern": r"^\s*\d+(\.\d*)?\s*(ms|s|sec|m|min|h|hr|d)?\s*$"},
    ],
    "description": "Duration: seconds as a number, or text such as 320s, 5m, 1.5h, 24h.",
}

Duration = Annotated[float, BeforeValidator(_duration), WithJsonSchema(_DURATION_SCHEMA)]
"""Seconds ≥ 0; accepts ``320s``, ``5m``, ``24h`` or a number of seconds."""

PositiveDuration = Annotated[
    float,
    BeforeValidator(_duration),
    Field(gt=0),
    WithJsonSchema({**_DURATION_SCHEMA, "description": "Duration > 0 (320s, 5m, 24h)."}),
]
"""Seconds > 0."""

Money = Annotated[float, Field(ge=0)]
"""A plain number ≥ 0 in the stated currency."""

Fraction = Annotated[float, Field(ge=0, le=1)]
"""A share in [0, 1]."""

Identifier = Annotated[
    str,
    Field(min_length=1, max_length=64, pattern=r"^\w[\w\-]*$"),
]
"""An id, tier or language: letters (any script), digits, ``_`` and ``-``; no spaces or dots."""

CurrencyCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
"""An ISO 4217 code: three capital letters."""

_YEAR_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def _in_years(text: str) -> bool:
    match = _YEAR_MONTH.match(text)
    return match is not None and FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR


def _year_month(value: Any) -> str:
    if isinstance(value, str) and _in_years(value.strip()):
        return value.strip()
    raise PydanticCustomError(
        "year_month",
        f"expected a month written YYYY-MM, e.g. 2027-01, of a year {FIRST_YEAR}–{LAST_YEAR}",
    )


YearMonth = Annotated[
    str,
    PlainValidator(_year_month),
    WithJsonSchema({"type": "string", "pattern": _YEAR_MONTH.pattern, "examples": ["2027-01"]}),
]
"""A calendar month ``YYYY-MM``."""


def _month_ref(value: Any) -> int | str:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str) and _in_years(value.strip()):
        return value.strip()
    raise PydanticCustomError(
        "month_ref",
        "expected a month index (0 = the first month) or a month YYYY-MM "
        f"of a year {FIRST_YEAR}–{LAST_YEAR}",
    )


MonthRef = Annotated[
    int | str,
    PlainValidator(_month_ref),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": _YEAR_MONTH.pattern},
            ],
            "description": "A month of the horizon: index (0 = first month) or YYYY-MM.",
        }
    ),
]
"""A month of the horizon: an index (0 = first) or ``YYYY-MM``; see ``Horizon.index_of``."""


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("rate", "expected a number ≥ 0 or a table {key: number}")
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise PydanticCustomError("rate", "expected a finite number ≥ 0")
    return number


def _rate(value: Any) -> float | dict[str, float]:
    if isinstance(value, Mapping):
        if not value:
            raise PydanticCustomError("rate", "expected a number or a non-empty table")
        table: dict[str, float] = {}
        for key, item in value.items():
            if not isinstance(key, str) or not key.strip():
                raise PydanticCustomError("rate", "rate table keys must be tiers or languages")
            table[key.strip()] = _number(item)
        return table
    return _number(value)


Rate = Annotated[
    float | dict[str, float],
    PlainValidator(_rate),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0},
                {"type": "object", "additionalProperties": {"type": "number", "minimum": 0}},
            ],
            "description": (
                "A price: one number, or a table keyed by tier, language, "
                "'tier/language' or '*' (the fallback)."
            ),
        }
    ),
]
"""One price, or a table keyed by ``tier/language``, tier, language or ``*``."""


def rate_for_key(rate: float | Mapping[str, float], tier: str, language: str) -> float | None:
    """The price that ``rate`` gives a queue of ``tier`` and ``language``, or None.

    A plain number applies to every queue. In a table the most specific key wins:
    ``"<tier>/<language>"``, then ``"<tier>"``, then ``"<language>"``, then ``"*"``.
    """
    if not isinstance(rate, Mapping):
        return float(rate)
    for key in (f"{tier}/{language}", tier, language, "*"):
        if key in rate:
            return float(rate[key])
    return None
