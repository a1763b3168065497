"""`crossroads wizard`: answer questions about a situation, see the ranking, save it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from crossroads.commands.common import (
    LogOpt,
    NoLogOpt,
    PackOpt,
    RiskAversionOpt,
    SetOpt,
    WeightsOpt,
    record_run,
)
from crossroads.core.errors import ExitCode, InputError

UNATTENDED_HINT = ("run it unattended: `crossroads wizard --from FILE` (a scenario answers "
                   "every question) or `crossroads wizard --defaults --subject NAME "
                   "[--set FACTOR=VALUE ...]`")


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def wizard(
    start: Annotated[str | None, typer.Option(
        "--from", metavar="SCENARIO",
        help="Start from this scenario file or shipped scenario id (its values are the "
             "defaults).")] = None,
    pack: PackOpt = None,
    set_: SetOpt = None,
    weights: WeightsOpt = None,
    priorities: Annotated[str | None, typer.Option(
        "--priorities", metavar="ratings|pairwise",
        help="Set priorities by rating each criterion 0-5 or by comparing them in pairs "
             "(AHP).")] = None,
    pairwise: Annotated[list[str] | None, typer.Option(
        "--pairwise", metavar="A/B=RATIO",
        help="A pairwise judgement: A matters RATIO times as much as B (1/9 to 9; "
             "repeatable; implies --priorities pairwise).")] = None,
    risk_aversion: RiskAversionOpt = None,
    subject: Annotated[str | None, typer.Option(
        help="Answer 'which country or actor' without a prompt.")] = None,
    title: Annotated[str | None, typer.Option(help="The scenario's title.")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="YYYY-MM-DD", help="The date the facts hold.")] = None,
    defaults: Annotated[bool, typer.Option(
        "--defaults", help="Accept every default without prompting (fails naming each "
                           "question that has none).")] = False,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Scenario file to write (default: <subject>-<today>.yaml).")
    ] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Overwrite existing files without asking.")] = False,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Continue the unfinished run kept in the draft file.")] = False,
    brief: Annotated[Path | None, typer.Option(
        "--brief", metavar="FILE",
        help="Also write a briefing of the result; the suffix picks the format, as for "
             "`crossroads brief -o`.")] = None,
    judge: Annotated[str | None, typer.Option(
        "--judge", metavar="NAME",
        help="Give only your own judgements for a panel (priorities and judged facts, not "
             "the shared facts) and save them as NAME's judgement file; needs --from.")
    ] = None,
    log: LogOpt = None,
    no_log: NoLogOpt = False,
) -> None:
    """Answer questions about a situation, see the ranked options, save the scenario.

    Questions come from the pack: its factors group by group, then your priorities.
    Everything it asks can also be given on the command line, so scripts and CI can run
    it with --defaults (or --from FILE) and get the same file an interactive run writes.
    Ctrl-C keeps the answers in a draft; --resume continues from it.
    """
    from crossroads.report.console import console
    from crossroads.wizard import WizardInterrupted, WizardOptions, run_wizard

    if judge is not None:
        _judge(judge, start, pack, output, force, defaults)
        return
    if not defaults and not stdin_is_terminal():
        if start is None or resume:
            raise InputError.single("stdin", "is not a terminal, so the wizard cannot ask "
                                    "questions", UNATTENDED_HINT)
        defaults = True  # the scenario file answers every question; nobody can be asked
    options = WizardOptions(
        pack=pack, start=start, sets=tuple(set_ or ()), weights=tuple(weights or ()),
        pairwise=tuple(pairwise or ()), priorities=priorities,
        risk_aversion=risk_aversion, subject=subject, title=title, as_of=as_of,
        defaults=defaults, output=output, force=force, resume=resume, brief=brief)
    try:
        outcome = run_wizard(options, console())
    except WizardInterrupted as stop:
        sys.stderr.write(f"{stop}\n")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    # Only a completed run is recorded: the saved scenario as scored, and the briefing's
    # robustness seed when one was written.
    from crossroads.robustness.defaults import DEFAULT_SEED

    record_run("wizard", [outcome.result], log=log, no_log=no_log,
               seed=DEFAULT_SEED if outcome.briefing else None)



def _judge(name: str, start: str | None, pack_ref: str | None, output: Path | None,
           force: bool, defaults: bool) -> None:
    """`wizard --judge NAME`: one analyst's judgements for a panel, saved as a file."""
    from crossroads.report.console import console
    from crossroads.services.inputs import load_inputs
    from crossroads.wizard import WizardInterrupted
    from crossroads.wizard.judge import JudgeOptions, run_judge

    if not name.strip():
        raise InputError.single("--judge", "the analyst's name is empty",
                                "e.g. --judge 'Security desk'")
    if start is None:
        raise InputError.single("--judge", "a panel judges one scenario: name it with --from",
                                "e.g. crossroads wizard --judge 'Security desk' --from "
                                "kyrgyzstan-2025")
    if not defaults and not stdin_is_terminal():
        raise InputError.single("stdin", "is not a terminal, so the wizard cannot ask "
                                "questions", "add --defaults to accept the scenario's answers")
    inputs = load_inputs(start, pack_ref)
    try:
        run_judge(JudgeOptions(name.strip(), inputs.pack, inputs.scenario, output, force,
                               defaults), console())
    except WizardInterrupted as stop:
        sys.stderr.write(f"{stop}\n")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
