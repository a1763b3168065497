"""Lint checks on where a pack's knowledge comes from (codes CR111-CR114).

Every rule and risk rule declares a ``basis``: ``article`` rules quote a sentence of the
article, which is checked verbatim against the full text when a local copy is at hand
(a bibliography entry's ``text:`` file, or ``<source id>.txt`` in a directory the user
names); ``analyst`` rules carry their own evidence (a citation) or the words "analyst
judgement" followed by a one-line rationale.  Whether a quote *supports* its rule is a
judgement no program makes: the reviewer records it as ``support: full|partial`` on the
rule (CR114 when missing), and the docs keep the reviewed table with the reasons.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from crossroads.core.errors import Location
from crossroads.core.model import Basis, Pack, RiskRule, Rule
from crossroads.io.yamldoc import read_text

JUDGEMENT = re.compile(r"^\s*analyst judge?ment\b\s*[:,-]?\s*(?P<rationale>.*)$", re.I)
_MIN_RATIONALE_WORDS = 4  # "analyst judgement: it is" is not a rationale
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SourceFinding:
    code: str
    subject: str
    location: Location
    message: str
    silenced: tuple[str, ...]


def _normalise(text: str) -> str:
    """Whitespace runs become one space, so a quote may wrap differently from the source."""
    return _SPACE.sub(" ", text).strip()


def source_texts(pack: Pack, directory: Path | None = None) -> dict[str, str]:
    """Full texts available locally, by source id: ``text:`` files, then *directory*."""
    texts: dict[str, str] = {}
    for ident, ref in pack.sources.items():
        candidates = [ref.text] if ref.text is not None else []
        if directory is not None:
            candidates.append(directory / f"{ident}.txt")
        for path in candidates:
            if path is not None and path.exists():
                # The guarded read of every input: a regular file under the size cap, valid
                # UTF-8; anything else is a located error, never a traceback.
                texts[ident] = _normalise(read_text(path, "fix the source's `text:` entry"))
                break
    return texts


def source_findings(pack: Pack, directory: Path | None = None) -> Iterator[SourceFinding]:
    """Rules without a basis, quotes not in the source text, analyst rules without evidence."""
    texts = source_texts(pack, directory)
    rules: tuple[Rule | RiskRule, ...] = (*pack.rules, *pack.risk_rules)
    for rule in rules:
        kind = "risk rule" if isinstance(rule, RiskRule) else "rule"
        if rule.basis is None:
            yield SourceFinding("CR111", rule.id, rule.location,
                                f"{kind} {rule.id!r} does not say whether the article or "
                                f"the analyst is its basis", rule.silence)
        elif rule.basis == Basis.ARTICLE:
            if rule.support is None:
                yield SourceFinding("CR114", rule.id, rule.location,
                                    f"{kind} {rule.id!r} quotes the article but does not say "
                                    f"how far the quote supports it (confidence counts it "
                                    f"as partial)", rule.silence)
            if texts and rule.source and not any(_normalise(rule.source) in text
                                                 for text in texts.values()):
                yield SourceFinding("CR112", rule.id, rule.location,
                                    f"{kind} {rule.id!r}: its quote is not in the text of "
                                    f"{', '.join(sorted(texts))} word for word", rule.silence)
        elif not _has_evidence(rule.source):
            yield SourceFinding("CR113", rule.id, rule.location,
                                f"analyst {kind} {rule.id!r} gives neither evidence nor "
                                f"'analyst judgement: <rationale>'", rule.silence)


def _has_evidence(source: str) -> bool:
    """A citation, or "analyst judgement" followed by a rationale of a few words."""
    if not source.strip():
        return False
    match = JUDGEMENT.match(source)
    if match is None:
        return True  # a citation (publisher, date, figure) in the author's words
    return len(match.group("rationale").split()) >= _MIN_RATIONALE_WORDS
