"""What the wizard's command line can say, shared by the run (flow) and the scripted
answers (scripted) without either importing the other."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crossroads.wizard.drafts import default_draft_path


@dataclass
class WizardOptions:
    """Everything the command line can say; ``None`` means "ask" (or default)."""

    pack: str | None = None
    start: str | None = None
    sets: Sequence[str] = ()
    weights: Sequence[str] = ()
    pairwise: Sequence[str] = ()  # "a/b=3": a matters 3 times as much as b
    priorities: str | None = None  # "ratings" or "pairwise"
    risk_aversion: float | None = None
    subject: str | None = None
    title: str | None = None
    as_of: str | None = None
    defaults: bool = False
    output: Path | None = None
    force: bool = False
    resume: bool = False
    brief: Path | None = None
    draft: Path = field(default_factory=default_draft_path)
    today: _dt.date = field(default_factory=_dt.date.today)
