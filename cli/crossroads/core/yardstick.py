"""Two vocabularies for a frequency: US ICD 203 and the UK PHIA probability yardstick.

A briefing says how often an option comes first across the plausible range of the inputs
as a number ("43 of 100 cases") and in the words of one yardstick, chosen with
``brief --yardstick``.  ICD 203 (see :mod:`crossroads.core.estimative`) has seven bands
that touch.  The UK Professional Head of Intelligence Assessment yardstick (2025 edition)
has seven terms with deliberate gaps between them and no even-chance band:

=====================  ==============
remote chance          up to about 5%
highly unlikely        about 10–20%
unlikely               about 25–35%
realistic possibility  about 40–50%
likely or probable     about 55–75%
highly likely          about 80–90%
almost certain         about 95% and above
=====================  ==============

A computed frequency that falls in a gap (say 37%) is not forced into a term the
yardstick keeps away from it: it reads "between unlikely and a realistic possibility".
Edges: a value on a band's edge belongs to that band; the gaps are open intervals.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from crossroads.core.estimative import likelihood_words


class Yardstick(StrEnum):
    ICD203 = "icd203"
    PHIA = "phia"

    @property
    def name_in_words(self) -> str:
        return YARDSTICK_TITLES[self]


YARDSTICK_TITLES = {
    Yardstick.ICD203: "US ICD 203",
    Yardstick.PHIA: "UK PHIA probability yardstick (2025)",
}


@dataclass(frozen=True, slots=True)
class Band:
    word: str
    low: float  # inclusive
    high: float  # inclusive


#: The PHIA terms with the ranges they cover, least likely first.
PHIA_BANDS = (
    Band("remote chance", 0.0, 0.05),
    Band("highly unlikely", 0.10, 0.20),
    Band("unlikely", 0.25, 0.35),
    Band("realistic possibility", 0.40, 0.50),
    Band("likely", 0.55, 0.75),
    Band("highly likely", 0.80, 0.90),
    Band("almost certain", 0.95, 1.0),
)


def _article(word: str) -> str:
    """"a realistic possibility", "a remote chance": the nouns take an article."""
    return f"a {word}" if word in ("realistic possibility", "remote chance") else word


def phia_words(probability: float) -> str:
    """The PHIA term for *probability*, or "between X and Y" inside one of its gaps."""
    p = round(min(max(probability, 0.0), 1.0), 4)
    for below, band in zip((None, *PHIA_BANDS), PHIA_BANDS, strict=False):
        if band.low <= p <= band.high:
            return _article(band.word)
        if below is not None and below.high < p < band.low:
            return f"between {_article(below.word)} and {_article(band.word)}"
    return _article(PHIA_BANDS[-1].word)  # pragma: no cover - the bands cover [0, 1]


def words_for(probability: float, yardstick: Yardstick = Yardstick.ICD203) -> str:
    """*probability* in the words of *yardstick*."""
    if yardstick is Yardstick.PHIA:
        return phia_words(probability)
    return likelihood_words(probability)


def yardstick_legend(yardstick: Yardstick) -> str:
    """One line listing the yardstick's words with their ranges, for the Method section."""
    if yardstick is Yardstick.PHIA:
        return ("Frequency words follow the UK PHIA probability yardstick (2025): remote "
                "chance ≤5%, highly unlikely 10–20%, unlikely 25–35%, realistic possibility "
                "40–50%, likely 55–75%, highly likely 80–90%, almost certain ≥95%; a value "
                "in one of its deliberate gaps is said to lie between the two terms.")
    return ("Likelihood words follow US ICD 203 (almost no chance <5%, very unlikely 5–20%, "
            "unlikely 20–45%, roughly even chance 45–55%, likely 55–80%, very likely "
            "80–95%, almost certain >95%).")
