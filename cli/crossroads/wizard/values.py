"""Answers as text and back, through the one value grammar in :mod:`crossroads.io.value_text`.

``0.19-0.30 src: IMF`` or ``medium (low..high) src: ACLED`` as typed at a prompt or given
with ``--set`` read exactly as ``crossroads score --set`` reads them.  An answer with a
range or a source is the mapping ``{"value", "low", "high", "source"}`` the scenario file
holds; what is shown for an answer (:func:`show_number`) parses back to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from crossroads.core.model import Factor, Pack
from crossroads.io.value_text import (
    Stated,
    ValueTextError,
    bounds_text,
    format_number,
    parse_value,
    plain_text,
    stated_text,
    takes_p_wrong,
)

# A typed answer that does not parse: the message is shown under the prompt.
AnswerError = ValueTextError

__all__ = ["JUDGED_HELP", "LEVEL_RANGE_HELP", "RANGE_HELP", "AnswerError", "bounds_text",
           "format_number", "judgement_parser", "label_parser", "level_parser",
           "number_parser", "plain_text", "show_number", "takes_p_wrong"]

RANGE_HELP = ("Unsure? Give a range, 0.19-0.30 (its midpoint is the value) or "
              "0.25 (0.19..0.30); add where it comes from after src:, e.g. 0.2 src: IMF, "
              "and what kind of source it is after kind: (cited, analyst for your own "
              "judgement, unverified), e.g. 0.12-0.16 src: Armstat 2024 kind: analyst.")

LEVEL_RANGE_HELP = ("Unsure? Choose the menu's last entry and type the level with a range "
                    "and where it comes from, e.g. medium (low..high) src: ACLED 2024 "
                    "kind: analyst (kinds: cited, analyst, unverified).")

JUDGED_HELP = ("A judgement: say how sure you are with the menu's last entry, as the chance "
               "your reading is wrong, e.g. {example} p_wrong: 0.2 (from 0 to 0.5); the "
               "robustness analysis then varies it that often.")


def _answer(stated: Stated) -> Any:
    if stated.plain:
        return stated.value
    answer = {"value": stated.value, "low": stated.low, "high": stated.high,
              "source": stated.source or None}
    if stated.source_kind:
        answer["source_kind"] = stated.source_kind
    if stated.p_wrong is not None:
        answer["p_wrong"] = stated.p_wrong
    return answer


def number_parser(pack: Pack, factor: Factor) -> Callable[[str], Any]:
    """Parse typed text as the factor's number ("0.3", "30%", "0.19-0.30 src: IMF")."""
    del pack  # the factor says all a value needs
    return lambda text: _answer(parse_value(factor, text))


level_parser = number_parser  # "medium", "medium (low..high) src: ACLED": the same grammar
judgement_parser = number_parser  # "yes src: analyst p_wrong: 0.2": the same grammar too


def label_parser(pack: Pack, factor: Factor) -> Callable[[str], Any]:
    """Parse text as a level/choice label or a boolean, with the loader's message and hint."""
    del pack
    return lambda text: parse_value(factor, text).value


def show_number(value: Any) -> str:
    """An answer as the text that parses back to it: "0.25 (0.19..0.3) src: IMF", or a
    level's "medium (low..high) src: ACLED"."""
    if not isinstance(value, dict):
        return plain_text(value)
    return stated_text(Stated(value["value"], value.get("low"), value.get("high"),
                              value.get("source") or "", value.get("source_kind") or "",
                              value.get("p_wrong")))
