"""The wizard's first steps: which rule pack, and which scenario (if any) to start from,
fitted to that pack so that every bad starting value is reported before a question is asked.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crossroads.core.errors import InputError
from crossroads.core.inputs import resolve_factors
from crossroads.io.confine import named_pack
from crossroads.io.lookup import find_pack, find_scenario
from crossroads.io.resources import DEFAULT_PACK, shipped_packs, shipped_scenarios
from crossroads.wizard import files
from crossroads.wizard.questions import Question

if TYPE_CHECKING:
    from crossroads.core.model import Pack, Scenario
    from crossroads.wizard.drafts import Draft
    from crossroads.wizard.options import WizardOptions
    from crossroads.wizard.prompt import Prompter


class StartSteps:
    """The pack-and-start steps, mixed into the wizard's run (which supplies the options,
    the prompter and the methods below that it defines)."""

    options: WizardOptions
    prompter: Prompter | None
    pack_ref: str
    start_ref: str | None
    pack: Pack | None
    start: Scenario | None
    pack_asked: bool

    @property
    def interactive(self) -> bool:
        raise NotImplementedError

    def _note(self, text: str, style: str = "dim") -> None:
        raise NotImplementedError

    def _choose_pack(self, draft: Draft | None) -> Pack:
        opts = self.options
        ref = opts.pack or (draft.pack if draft else None)
        if not opts.pack and draft and draft.pack not in shipped_packs() \
                and named_pack(Path(draft.pack)) is None:  # a path in a file: a pack, or nothing
            raise InputError.single(str(opts.draft), f"the draft's `pack: {draft.pack}` names "
                                    "no pack (a shipped id, or a folder holding pack.yaml)",
                                    "start again without --resume, or fix the draft")
        start_ref = draft.start if draft else opts.start
        if ref is None and start_ref:
            start = find_scenario(start_ref)
            ref = start.pack or None
        if ref is None:
            shipped = shipped_packs()
            if not shipped:
                raise InputError.single("--pack", "no packs are shipped with this build",
                                        "give a pack directory with --pack DIR")
            if len(shipped) == 1:
                ref = next(iter(shipped))
            elif not self.interactive:
                ref = DEFAULT_PACK if DEFAULT_PACK in shipped else next(iter(shipped))
            else:
                ref = self._ask_pack(list(shipped))
        self.pack_ref = ref
        self.pack = find_pack(ref)
        return self.pack

    def _ask_pack(self, shipped: list[str]) -> str:
        choices = []
        for ref in shipped:
            pack = find_pack(ref)
            choices.append((f"{pack.title} ({pack.id} {pack.version})", ref))
        assert self.prompter is not None
        self.pack_asked = True
        return str(self.prompter.ask(Question("pack", "select", "Which rule pack?",
                                              choices=tuple(choices))))

    def _choose_start(self, draft: Draft | None) -> None:
        opts = self.options
        ref: str | None
        if draft is not None:
            ref = draft.start
        elif opts.start is not None or not self.interactive:
            ref = opts.start
        else:
            ref = self._ask_start()
        self.start_ref = ref
        if ref is None:
            return
        self.start = self._fit_to_pack(find_scenario(ref))

    def _ask_start(self) -> str | None:
        assert self.pack is not None and self.prompter is not None
        choices: list[tuple[str, Any]] = [("Blank: the pack's defaults", "")]
        for ref in shipped_scenarios():
            try:
                scenario = find_scenario(ref)
            except InputError:
                continue  # a broken shipped file is `scenarios validate`'s business
            if scenario.pack == self.pack.id:
                choices.append((f"{scenario.title or scenario.id} ({ref})", ref))
        choices.append(("A scenario file…", "\0file"))
        picked = self.prompter.ask(Question("start", "select", "Start from?",
                                            choices=tuple(choices)))
        if picked == "\0file":
            return str(self.prompter.ask(Question(
                "start-file", "path", "Scenario file to start from?", parse=files.scenario_file)))
        return str(picked) or None

    def _fit_to_pack(self, start: Scenario) -> Scenario:
        """Keep what the pack knows of *start*, say what was dropped, check its values."""
        assert self.pack is not None
        pack = self.pack
        factors = {k: v for k, v in start.factors.items() if k in pack.factors}
        priorities = {k: v for k, v in start.priorities.items() if k in pack.criteria}
        dropped = [k for k in (*start.factors, *start.priorities)
                   if k not in factors and k not in priorities]
        if dropped:
            self._note(f"Not used by pack {pack.id}, left out: {', '.join(dropped)}")
        judgements = tuple(j for j in start.judgements if {j.a, j.b} <= pack.criteria.keys())
        fitted = replace(start, factors=factors, priorities=priorities, judgements=judgements)
        resolve_factors(pack, fitted)  # every bad value, with its file:line, before asking
        return fitted
