"""The wizard's first steps: which rule pack, and which scenario (if any) to start from,
fitted to that pack so that every bad starting value is reported before a question is asked.
Each step says whether it asked anything, so Esc on the next one knows where back is.
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
from crossroads.wizard.questions import QuestionKind, step_question
from crossroads.wizard.state import GoBack, WizardState

if TYPE_CHECKING:
    from crossroads.core.model import Scenario
    from crossroads.wizard.drafts import Draft


def choose_pack(state: WizardState, draft: Draft | None) -> bool:
    """Which pack: the command line's, the draft's, the start's, the only one, or asked.
    Returns whether the analyst was asked."""
    opts = state.options
    ref = opts.pack or (draft.pack if draft else None)
    if not opts.pack and draft and draft.pack not in shipped_packs() \
            and named_pack(Path(draft.pack)) is None:  # a path in a file: a pack, or nothing
        raise InputError.single(str(opts.draft), f"the draft's `pack: {draft.pack}` names "
                                "no pack (a shipped id, or a folder holding pack.yaml)",
                                "start again without --resume, or fix the draft")
    start_ref = draft.start if draft else opts.start
    asked = False
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
        elif not state.interactive:
            ref = DEFAULT_PACK if DEFAULT_PACK in shipped else next(iter(shipped))
        else:
            ref, asked = _ask_pack(state, list(shipped)), True
    state.pack_ref = ref
    state.pack = find_pack(ref)
    return asked


def _ask_pack(state: WizardState, shipped: list[str]) -> str:
    choices = []
    for ref in shipped:
        pack = find_pack(ref)
        choices.append((menu_entry(f"{pack.id} {pack.version}", pack.title, state), ref))
    state.pack_asked = True
    return str(state.prompt(step_question("pack", QuestionKind.SELECT, "Which rule pack?",
                                          choices=tuple(choices), help=PACK_HELP)))


def menu_entry(ident: str, title: str, state: WizardState) -> str:
    """"id: title" on one line of the terminal: the id whole, the title shortened."""
    room = state.console.width - len(ident) - 7  # the menu's pointer, the colon, a margin
    if len(title) > room:
        title = title[:max(room - 1, 0)].rstrip() + "…"
    return f"{ident}: {title}"


PACK_HELP = ("A rule pack holds the options, the questions and the rules that score them; "
             "`crossroads rules list` describes each one.")
START_HELP = ("Blank asks every question from the pack's defaults; a scenario offers its "
              "answers, so you change only what differs.")


def choose_start(state: WizardState, draft: Draft | None) -> bool:
    """Which scenario (if any) to start from; returns whether the analyst was asked."""
    opts = state.options
    ref: str | None
    asked = False
    if draft is not None:
        ref = draft.start
    elif opts.start is not None or not state.interactive:
        ref = opts.start
    else:
        ref, asked = _ask_start(state), True
    state.start_ref = ref
    state.start = None if ref is None else fit_to_pack(state, find_scenario(ref))
    return asked


def _ask_start(state: WizardState) -> str | None:
    assert state.pack is not None
    choices: list[tuple[str, Any]] = [("Blank: the pack's defaults", "")]
    for ref in shipped_scenarios():
        try:
            scenario = find_scenario(ref)
        except InputError:
            continue  # a broken shipped file is `scenarios validate`'s business
        if scenario.pack == state.pack.id:
            # The id is what the analyst types next time: it comes first, whole.
            choices.append((menu_entry(ref, scenario.title or scenario.id, state), ref))
    choices.append(("A scenario file…", "\0file"))
    while True:
        picked = state.prompt(step_question("start", QuestionKind.SELECT, "Start from?",
                                            choices=tuple(choices), help=START_HELP))
        if picked != "\0file":
            return str(picked) or None
        try:
            return str(state.prompt(step_question(
                "start-file", QuestionKind.PATH, "Scenario file to start from?",
                parse=files.scenario_file, help="The path of a scenario YAML file.")))
        except GoBack:
            continue  # back to the menu


def fit_to_pack(state: WizardState, start: Scenario) -> Scenario:
    """Keep what the pack knows of *start*, say what was dropped, check its values."""
    assert state.pack is not None
    pack = state.pack
    factors = {k: v for k, v in start.factors.items() if k in pack.factors}
    priorities = {k: v for k, v in start.priorities.items() if k in pack.criteria}
    dropped = [k for k in (*start.factors, *start.priorities)
               if k not in factors and k not in priorities]
    if dropped:
        state.note(f"Not used by pack {pack.id}, left out: {', '.join(dropped)}")
    judgements = tuple(j for j in start.judgements if {j.a, j.b} <= pack.criteria.keys())
    fitted = replace(start, factors=factors, priorities=priorities, judgements=judgements)
    resolve_factors(pack, fitted)  # every bad value, with its file:line, before asking
    return fitted
