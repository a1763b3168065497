"""Text the briefing shows, formatted once for every renderer: numbers, values, ranges.

Pack and scenario text arrives with YAML line breaks; numbers need true minus signs;
factor values read as a reader expects them (shares as percentages, labels with spaces).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Container
from typing import Any

from crossroads.core.engine import Result
from crossroads.core.factors import share_percent
from crossroads.core.model import Pack
from crossroads.robustness.summary import Robustness


def clean(text: object) -> str:
    """Collapse runs of whitespace: pack and scenario text arrives with YAML line breaks."""
    return " ".join(str(text).split()) if text is not None else ""


def number(value: float) -> str:
    # A true minus sign reads better in print; "-0.00" would look like an error.
    text = f"{value:.2f}"
    if text in ("-0.00", "0.00"):
        return "0.00"
    return text.replace("-", "−")


def signed(value: float) -> str:
    text = number(value)
    return text if text.startswith("−") or text == "0.00" else "+" + text


def value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}".replace("-", "−")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if value is None:
        return "—"
    return clean(value)


def sentence(text: str) -> str:
    """*text* with a capital first letter and a full stop, for joining into prose."""
    text = clean(text)
    if not text:
        return ""
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else text + "."


# Suffixes of the names of peoples and their languages ("Russian", "Chinese", "Turkish",
# "Eurasian"): a label starting with one starts with a name.
DEMONYM_ENDINGS = ("ian", "ese", "ish")


def starts_with_name(text: str) -> bool:
    """Whether *text*'s first word is a name that keeps its capital inside a sentence: an
    acronym ("CPC", "EU"), a possessive ("Russia's", "China's": a common noun rarely opens
    a label that way) or a people's name ("Russian", "Chinese")."""
    word = text.split(" ", 1)[0].strip("\"'(\u201c\u2018")
    if len(word) > 1 and word[1:2].isupper():
        return True
    if not word[:1].isupper():
        return False
    return word.endswith(("'s", "’s")) or word.lower().endswith(DEMONYM_ENDINGS)


def lower_first(text: str, names: Container[str] | None = None) -> str:
    """*text* to run on inside a sentence: the first letter lower-cased unless the first
    word is a name ("if trade share fell", but "if Russian pressure fell", "if Russia's
    share of foreign trade rose").  *names* (words the pack's prose capitalises inside
    sentences and never writes in lower case) catches names no rule for capitals can
    know: "Russia shuts the export pipeline" stays so."""
    if starts_with_name(text):
        return text
    first = text.split(" ", 1)[0].strip("\"'(\u201c\u2018.,:;")
    if names is not None and first in names:
        return text
    return text[:1].lower() + text[1:]


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")
_NAMES: dict[str, frozenset[str]] = {}


def _pack_prose(pack: Pack) -> list[str]:
    texts: list[str] = [pack.question, pack.perspective]
    texts += [t for c in pack.criteria.values() for t in (c.title, c.description)]
    texts += [t for f in pack.factors.values() for t in (f.label, f.question, f.help)]
    texts += [t for o in pack.options.values() for t in (o.title, o.summary)]
    texts += [t for r in pack.risks.values() for t in (r.title, r.mitigation)]
    texts += [r.because for r in pack.rules] + [r.because for r in pack.risk_rules]
    return [t for t in texts if t]


def prose_names(pack: Pack) -> frozenset[str]:
    """Words the pack's prose capitalises inside a sentence and never writes in lower case
    ("Russia", "Moscow"): names (once per pack digest)."""
    known = _NAMES.get(pack.digest)
    if known is None:
        lower: set[str] = set()
        inside: set[str] = set()
        for text in _pack_prose(pack):
            for match in _WORD.finditer(text):
                word = match.group(0)
                if word.islower():
                    lower.add(word)
                elif word[:1].isupper() and match.start() > 0 and \
                        not _SENTENCE_END.search(text[:match.start()]):
                    inside.add(word)
        known = frozenset(w for w in inside if w.lower() not in lower)
        _NAMES[pack.digest] = known
    return known


def inline(result: Result, text: str) -> str:
    """*text* (a label, a title, a reason) to run on inside a sentence of this briefing."""
    return lower_first(clean(text), prose_names(result.pack))


def range_text(result: Result, factor_id: str, low: Any, high: Any) -> str:
    """A range with its unit once: "18–21%", "0.1–0.4% of GDP", "medium–very high"."""
    low_text, high_text = factor_text(result, factor_id, low), factor_text(result, factor_id, high)
    # Both ends carry the same unit suffix after the number: keep it only on the upper end.
    leading_number = re.compile(r"^[−\d.]+")
    low_number, high_number = leading_number.match(low_text), leading_number.match(high_text)
    if low_number and high_number and \
            low_text[low_number.end():] == high_text[high_number.end():]:
        return f"{low_number.group(0)}–{high_text}"
    return f"{low_text}–{high_text}"


def factor_text(result: Result, factor_id: str, value: Any) -> str:
    """A factor value as a reader expects it: shares as percentages, labels with spaces."""
    factor = result.pack.factors.get(factor_id)
    if factor is None or value is None or isinstance(value, bool):
        return value_text(value)
    if factor.kind.has_labels:
        return value_text(value).replace("_", " ")
    if factor.kind != "number" or not isinstance(value, int | float):
        return value_text(value)
    unit = clean(factor.unit)
    percent = share_percent(value, unit)
    if percent is not None:
        return percent.replace("-", "−")
    text = value_text(float(value))
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def factor_label(result: Result, factor_id: str) -> str:
    factor = result.pack.factors.get(factor_id)
    return clean(factor.label) if factor and factor.label else factor_id


def criterion_title(result: Result, criterion_id: str) -> str:
    criterion = result.pack.criteria.get(criterion_id)
    return clean(criterion.title) if criterion and criterion.title else criterion_id


def option_title(result: Result, option_id: str) -> str:
    try:
        return clean(result.option(option_id).title)
    except KeyError:
        return option_id


def fill_question(template: str, subject: str, year: str) -> str:
    """The pack's decision question with {subject} and {year} filled in.

    Unknown placeholders stay as typed rather than failing: a question is prose, and a
    stray brace in it is the author's to fix, not a reason to refuse the briefing.
    """
    values = {"subject": subject, "year": year}
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def listing(items: list[str] | tuple[str, ...]) -> str:
    """"a", "a and b", "a, b and c"."""
    items = [i for i in items if i]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


#: The sources of uncertainty a robustness run can vary, as a reader would name them.
SOURCE_WORDS = {
    "weights": "the weights",
    "facts": "the facts' stated ranges",
    "points": "the rules' points",
    "risks": "risk likelihoods and impacts",
    "risk_aversion": "risk aversion",
    "judgement_factors": "the judgements whose doubt the scenario states",
}

#: The pseudo-factor a robustness run moves for risk aversion (robustness.breakeven).
RISK_AVERSION = "risk_aversion"


def driver_value(result: Result, factor_id: str, value: Any) -> str:
    """A key driver's value: a factor's as :func:`factor_text`, risk aversion as a number."""
    if factor_id == RISK_AVERSION and isinstance(value, int | float):
        return value_text(float(value))
    return factor_text(result, factor_id, value)


def _rounded(value: float, digits: int) -> float:
    return float(f"{value:.{digits}g}")


NEAR_TIE = ", a near tie now"


def threshold_text(result: Result, factor_id: str, value: Any, now: Any = None) -> str:
    """A break-even as a reader can use it: "about 0.81", "about 25.4% of GDP", "medium".

    A computed crossing point has six meaningless digits; two significant ones say where
    it lies, three only when two would round it onto the current value. A crossing that
    even three digits cannot tell from the current value is a near tie now, and is said
    so rather than printed to meaningless precision.
    """
    factor = result.pack.factors.get(factor_id)
    numeric = factor_id == RISK_AVERSION or (factor is not None and factor.kind == "number")
    if not numeric or isinstance(value, bool) or not isinstance(value, int | float):
        return driver_value(result, factor_id, value)
    now_text = driver_value(result, factor_id, now) if isinstance(now, int | float) else None
    for digits in (2, 3):
        text = driver_value(result, factor_id, _rounded(float(value), digits))
        if text != now_text:
            break
    else:
        return f"about {now_text}{NEAR_TIE}"
    exact = driver_value(result, factor_id, float(value))
    return text if text == exact else f"about {text}"


def _order(result: Result, factor_id: str, value: Any) -> float | None:
    """Where *value* lies on its factor's scale, to tell a rise from a fall."""
    factor = result.pack.factors.get(factor_id)
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if factor is not None and factor.kind == "level" and value in factor.labels:
        return float(factor.labels.index(value))
    return None


def move_text(result: Result, factor_id: str, now: Any, to: Any) -> str:
    """"fell from 1 to about 0.81", "rose from low to medium", "changed from no to yes"."""
    target = threshold_text(result, factor_id, to, now)
    if now is None:
        return f"reached {target}"
    before, after = _order(result, factor_id, now), _order(result, factor_id, to)
    verb = ("changed" if before is None or after is None or before == after
            else "rose" if after > before else "fell")
    shown = driver_value(result, factor_id, now)
    if target.endswith(NEAR_TIE):
        # "fell from 1 to about 1" says nothing: the crossing is too close to tell apart.
        side = {"rose": "above", "fell": "below"}.get(verb)
        return (f"{verb} even slightly {side} {shown} (a near tie now)" if side
                else f"moved at all from {shown} (a near tie now)")
    return f"{verb} from {shown} to {target}"


def driver_now(result: Result, factor_id: str) -> Any:
    """A key driver's value in this scenario (None when the result does not hold it)."""
    if factor_id == RISK_AVERSION:
        return result.risk_aversion
    return next((f.value for f in result.factors if f.id == factor_id), None)


def sources_text(robustness: Robustness) -> str:
    """"the weights, the facts' stated ranges and risk aversion", or "" when none varied."""
    return listing([SOURCE_WORDS.get(s, s.replace("_", " ")) for s in robustness.varied])
