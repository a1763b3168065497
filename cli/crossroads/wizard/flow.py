"""The wizard's steps: pack → start → questions by group → review → score → save → brief.

The same flow runs interactively and unattended (``--defaults``): each question is
answered by the command line (``--set`` and friends), a resumed draft, a prompt, or its
default, and the answers alone decide the file written.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import importlib.util
import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crossroads.errors import CrossroadsError, ExitCode, InputError, Location, ProblemCollector
from crossroads.wizard.answers import (
    missing,
    proposed_name,
    scenario_from_text,
    scenario_id,
    scenario_text,
)
from crossroads.wizard.drafts import Draft, default_draft_path, load_draft, remove_draft, save_draft
from crossroads.wizard.questions import (
    AS_OF,
    FACTOR_PREFIX,
    NO_DEFAULT,
    PAIRWISE_PREFIX,
    PRIORITY_METHOD,
    PRIORITY_PREFIX,
    RISK_AVERSION,
    SUBJECT,
    TITLE,
    AnswerError,
    Question,
    build_questions,
    format_number,
    ratio_text,
)

if TYPE_CHECKING:
    from rich.console import Console

    from crossroads.engine import Result
    from crossroads.model import Pack, Scenario
    from crossroads.wizard.prompt import Prompter

BRIEFING_FORMATS = (("Markdown (.md)", ".md"), ("HTML, prints cleanly (.html)", ".html"),
                    ("PDF (.pdf)", ".pdf"))


class WizardInterrupted(CrossroadsError):
    """Ctrl-C or end of input at a prompt; the answers so far are in *draft* (if any)."""

    exit_code = ExitCode.INTERRUPTED

    def __init__(self, draft: Path | None, saved: Path | None = None) -> None:
        from crossroads.yamlio import display_path

        self.draft = draft
        if saved is not None:
            message = f"interrupted; the scenario was already saved in {display_path(saved)}"
        elif draft is None:
            message = "interrupted before anything was answered; nothing to keep"
        else:
            message = (f"interrupted; answers so far are saved in {display_path(draft)} "
                       "(continue with `crossroads wizard --resume`)")
        super().__init__(message)


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


@dataclass(frozen=True)
class WizardOutcome:
    """What a finished run produced."""

    path: Path
    result: Result
    briefing: Path | None
    command: str  # the non-interactive command that writes the same file


def run_wizard(options: WizardOptions, console: Console,
               prompter: Prompter | None = None) -> WizardOutcome:
    """Run the wizard; raises :class:`WizardInterrupted` on Ctrl-C/EOF at any point."""
    if prompter is None and not options.defaults:
        from crossroads.report.wizard import render_help, render_note
        from crossroads.wizard.prompt import Prompter

        prompter = Prompter(lambda text: render_help(console, text),
                            lambda text: render_note(console, f"  ✗ {text}", "bold red"))
    return _Wizard(options, console, prompter).run()


class _Wizard:
    def __init__(self, options: WizardOptions, console: Console,
                 prompter: Prompter | None) -> None:
        self.options = options
        self.console = console
        self.prompter = prompter
        self.pack_ref = ""
        self.start_ref: str | None = None
        self.pack: Pack | None = None
        self.start: Scenario | None = None
        self.questions: list[Question] = []
        self.answers: dict[str, Any] = {}
        self.saved: Path | None = None
        self.pack_asked = False  # the pack prompt already shows which pack it is

    @property
    def interactive(self) -> bool:
        return not self.options.defaults

    # -- the steps ------------------------------------------------------------------------
    def run(self) -> WizardOutcome:
        try:
            return self._run()
        except (KeyboardInterrupt, EOFError):
            if self.saved is not None:
                raise WizardInterrupted(None, self.saved) from None
            # A draft needs the pack and the start: they decide which questions exist.
            raise WizardInterrupted(self._save_draft() if self.questions else None) from None

    def _run(self) -> WizardOutcome:
        self._check_early()
        draft = self._draft_to_resume()
        pack = self._choose_pack(draft)
        if self.interactive and not self.pack_asked:
            self._note(f"crossroads wizard · {pack.title} ({pack.id} {pack.version})", "bold")
        self._choose_start(draft)
        self.questions = build_questions(pack, self.start, self.options.today)
        if draft:
            self._take_draft_answers(draft)
        self.answers.update(self._command_line_answers())
        if self.interactive:
            self._intro()
            if self._straight_to_review():
                self._fill_defaults(only_offered=True)
            self._ask_unanswered()
            self._review_and_score()
        else:
            self._fill_defaults()
            self._score(proposed_name(self.answers, self.options.today))
        return self._finish(self._save())

    def _finish(self, path: Path) -> WizardOutcome:
        """After saving: the briefing, and the commands that redo this without prompts."""
        from crossroads.engine import score
        from crossroads.report.wizard import render_commands
        from crossroads.yamlio import display_path

        assert self.pack is not None
        # Score the saved text itself, so the briefing names the file's id and values.
        result = score(self.pack, scenario_from_text(path.read_text(encoding="utf-8"),
                                                     str(path)))
        briefing = self._brief(result, path)
        command = self._reproduce_command(path, briefing)
        score_words = ["crossroads", "score", display_path(path)]
        if self.pack_ref != self.pack.id:  # not found by id: the pack came from a path
            score_words += ["--pack", self.pack_ref]
        commands = [("Score it again:", shlex.join(score_words)),
                    ("Write the same file without prompts:", command)]
        if briefing:
            commands.insert(0, ("Briefing:", display_path(briefing)))
        render_commands(self.console, display_path(path), commands)
        return WizardOutcome(path, result, briefing, command)

    def _check_early(self) -> None:
        """Refuse what would fail at the end before asking anything."""
        opts = self.options
        for target in (opts.output, opts.brief):
            if target is not None and opts.defaults:
                from crossroads.output import check_writable

                check_writable(target, force=opts.force)
        if opts.brief is not None:
            if not briefing_available():
                raise InputError.single("--brief", "briefings are not available in this build "
                                        "(crossroads.briefing is missing)",
                                        "drop --brief; the scenario can be briefed later")
            try:
                _briefing_name(str(opts.brief))  # checked before any question is asked
            except AnswerError as error:
                raise InputError.single("--brief", str(error)) from None


    # -- draft ----------------------------------------------------------------------------
    def _draft_to_resume(self) -> Draft | None:
        opts = self.options
        if opts.resume:
            return load_draft(opts.draft)
        if not self.interactive or not opts.draft.is_file():
            return None
        try:
            draft = load_draft(opts.draft)
        except InputError:
            return None  # a damaged draft is replaced by this run's
        if opts.pack not in (None, draft.pack) or opts.start not in (None, draft.start):
            return None  # a different run; its draft will replace this one
        assert self.prompter is not None
        offer = Question("resume", "confirm", f"Continue the unfinished run ({len(draft.answers)}"
                         f" answers, pack {draft.pack})?", default=True)
        return draft if self.prompter.ask(offer) else None

    def _take_draft_answers(self, draft: Draft) -> None:
        """Re-check a draft's answers; ones the pack no longer accepts are asked again."""
        by_key = {q.key: q for q in self.questions}
        dropped = []
        for key, value in draft.answers.items():
            question = by_key.get(key)
            try:
                if question is None:
                    raise AnswerError("no such question")
                self.answers[key] = question.value_for(value)
            except AnswerError:
                dropped.append(key)
        self._note(f"Resuming {len(self.answers)} answer(s) from the draft"
                   + (f"; asking again: {', '.join(dropped)}" if dropped else "") + ".")

    def _save_draft(self) -> Path | None:
        if self.options.defaults:
            return None
        draft = Draft(self.pack_ref, self.start_ref, dict(self.answers))
        try:
            return save_draft(draft, self.options.draft)
        except (InputError, OSError):
            return None

    # -- pack and start -------------------------------------------------------------------
    def _choose_pack(self, draft: Draft | None) -> Pack:
        from crossroads.api import find_pack, find_scenario
        from crossroads.resources import DEFAULT_PACK, shipped_packs

        opts = self.options
        ref = opts.pack or (draft.pack if draft else None)
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
        from crossroads.api import find_pack

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
        from crossroads.api import find_scenario

        self.start = self._fit_to_pack(find_scenario(ref))

    def _ask_start(self) -> str | None:
        from crossroads.api import find_scenario
        from crossroads.resources import shipped_scenarios

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
                "start-file", "path", "Scenario file to start from?", parse=_scenario_file)))
        return str(picked) or None

    def _fit_to_pack(self, start: Scenario) -> Scenario:
        """Keep what the pack knows of *start*, say what was dropped, check its values."""
        from crossroads.engine import resolve_factors

        assert self.pack is not None
        pack = self.pack
        factors = {k: v for k, v in start.factors.items() if k in pack.factors}
        priorities = {k: v for k, v in start.priorities.items() if k in pack.criteria}
        dropped = [k for k in (*start.factors, *start.priorities)
                   if k not in factors and k not in priorities]
        if dropped:
            self._note(f"Not used by pack {pack.id}, left out: {', '.join(dropped)}")
        pairwise = tuple(j for j in start.pairwise if set(j[0]) <= pack.criteria.keys())
        fitted = replace(start, factors=factors, priorities=priorities, pairwise=pairwise)
        resolve_factors(pack, fitted)  # every bad value, with its file:line, before asking
        return fitted

    # -- answers --------------------------------------------------------------------------
    def _command_line_answers(self) -> dict[str, Any]:
        """``--set``, ``--weights``, ``--risk-aversion``, ``--subject``… as answers."""
        from crossroads.api import parse_assignment
        from crossroads.validate import suggest

        assert self.pack is not None
        pack, opts = self.pack, self.options
        by_key = {q.key: q for q in self.questions}
        problems = ProblemCollector()
        given: list[tuple[str, str, Any]] = []
        for text in opts.sets:
            name, raw = parse_assignment(text, "--set")
            if name not in pack.factors:
                problems.add(Location("--set"), f"unknown factor {name!r} in pack {pack.id!r}",
                             suggest(name, pack.factors) or "run `crossroads rules list`")
                continue
            given.append((f"--set {text}", FACTOR_PREFIX + name, raw))
        for text in opts.weights:
            name, raw = parse_assignment(text, "--weights")
            if name not in pack.criteria:
                known = f"criteria: {', '.join(pack.criteria)}"
                problems.add(Location("--weights"), f"unknown criterion {name!r}",
                             suggest(name, pack.criteria) or known)
                continue
            given.append((f"--weights {text}", PRIORITY_PREFIX + name, raw))
        for text in opts.pairwise:
            pair, raw = parse_assignment(text, "--pairwise")
            key = self._pair_key(pair, problems)
            if key is None:
                continue
            if key.removeprefix(PAIRWISE_PREFIX) != pair:  # given as b/a: the inverse ratio
                try:
                    raw = ratio_text(1 / by_key[key].parse(raw))
                except AnswerError as error:
                    problems.add(Location(f"--pairwise {text}"), str(error))
                    continue
            given.append((f"--pairwise {text}", key, raw))
        method = opts.priorities or ("pairwise" if opts.pairwise else None)
        if opts.weights and method == "pairwise":
            problems.add(Location("--weights"), "priorities are set by pairwise comparison here",
                         "give --weights (ratings) or --pairwise, not both")
        if method is not None and PRIORITY_METHOD in by_key:
            given.append(("--priorities", PRIORITY_METHOD, method))
        elif method == "pairwise" and not opts.pairwise:
            problems.add(Location("--priorities"), f"pack {pack.id!r} cannot be weighed by "
                         f"pairwise comparison ({len(pack.criteria)} criteria)", "use --weights")
        for option, key, value in (("--subject", SUBJECT, opts.subject),
                                   ("--title", TITLE, opts.title),
                                   ("--as-of", AS_OF, opts.as_of)):
            if value is not None:
                given.append((option, key, value))
        if opts.risk_aversion is not None:
            given.append(("--risk-aversion", RISK_AVERSION, format_number(opts.risk_aversion)))
        answers: dict[str, Any] = {}
        for where, key, raw in given:
            try:
                answers[key] = by_key[key].value_for(raw)
            except AnswerError as error:
                problems.add(Location(where), str(error))
        problems.raise_if_errors()
        return answers

    def _straight_to_review(self) -> bool:
        """Starting from a scenario, an analyst often changes a few answers, not all."""
        open_count = len(self._open_questions())
        if self.start is None or open_count < 2:
            return False
        assert self.prompter is not None
        return bool(self.prompter.ask(Question(
            "pace", "select", "Go through every question?",
            choices=((f"Yes, all {open_count}, {self.start_ref}'s answers offered", False),
                     ("No, straight to the review: change only what differs", True)))))

    def _pair_key(self, pair: str, problems: ProblemCollector) -> str | None:
        """The question key of a pair named "a/b" (either order), or None with a problem."""
        from crossroads.validate import suggest

        assert self.pack is not None
        names = pair.split("/")
        unknown = [n for n in names if n not in self.pack.criteria]
        if len(names) != 2 or unknown or names[0] == names[1]:
            hint = (suggest(unknown[0], self.pack.criteria) if unknown else "") or \
                f"name two criteria as A/B; criteria: {', '.join(self.pack.criteria)}"
            problems.add(Location("--pairwise"), f"{pair!r} is not a pair of this pack's "
                         "criteria", hint)
            return None
        keys = {q.key for q in self.questions}
        for a, b in (names, names[::-1]):
            if PAIRWISE_PREFIX + f"{a}/{b}" in keys:
                return PAIRWISE_PREFIX + f"{a}/{b}"
        problems.add(Location("--pairwise"), f"pack {self.pack.id!r} has no pairwise "
                     "comparisons", f"it has {len(self.pack.criteria)} criteria; use --weights")
        return None

    def _fill_defaults(self, *, only_offered: bool = False) -> None:
        """``--defaults``: every unanswered question takes its default, or is named.

        With *only_offered*, questions without a default are left to be asked.
        """
        for question in self.questions:
            if question.key not in self.answers:
                default = question.default_for(self.answers)
                if default is not NO_DEFAULT or not only_offered:
                    self.answers[question.key] = default
        if only_offered:
            return
        unanswered = missing(self.questions, self.answers)
        if unanswered:
            raise InputError([
                _problem(f"{q.message} ({q.key}) has no default", f"give it with {q.option}")
                for q in unanswered])

    def _intro(self) -> None:
        open_questions = self._open_questions()
        groups = {q.group for q in open_questions}
        self._note(f"{len(open_questions)} questions in {len(groups)} groups. Enter keeps the "
                   "shown answer, typing replaces it, ? explains a question, Ctrl-C saves a "
                   "draft and stops.")

    def _ask_unanswered(self) -> None:
        from crossroads.report.wizard import render_heading

        group = None
        for question in self.questions:
            # Whether a question is asked can depend on an earlier answer (ratings or
            # pairwise comparisons), so it is decided as the run gets to it.
            if question.key in self.answers or not question.active(self.answers):
                continue
            if question.group != group:
                group = question.group
                render_heading(self.console, group,
                               sum(q.group == group for q in self._open_questions()))
            self._ask(question)

    def _open_questions(self) -> list[Question]:
        """Questions still to ask, as far as the answers so far tell."""
        return [q for q in self.questions
                if q.key not in self.answers and q.active(self.answers)]

    def _ask(self, question: Question) -> None:
        assert self.prompter is not None
        current = self.answers.get(question.key, question.default_for(self.answers))
        self.answers[question.key] = self.prompter.ask(question, current)
        self._save_draft()

    # -- review and scoring ---------------------------------------------------------------
    def _review_and_score(self) -> None:
        """Review, score, and again, until the analyst wants to save."""
        from crossroads.report.wizard import render_problems

        assert self.prompter is not None
        while True:
            self._review()
            try:
                self._score(proposed_name(self.answers, self.options.today))
            except InputError as error:
                render_problems(self.console, error)
                self._note("Change the answers above and score again.", "bold")
                continue
            # Seeing the ranking is often what makes an analyst revisit an answer.
            if self.prompter.ask(Question(
                    "after-score", "select", "Save this scenario?",
                    choices=(("Save it", True), ("Back to the answers", False)))):
                return

    def _review(self) -> None:
        """Show every answer; let the user change any of them until they are happy."""
        from crossroads.report.wizard import ReviewRow, render_review

        assert self.prompter is not None
        while True:
            shown = [q for q in self.questions if q.active(self.answers)]
            rows = [ReviewRow(q.group, q.label or q.message, q.title_of(self.answers[q.key]),
                              self._changed(q)) for q in shown]
            render_review(self.console, rows, self.start_ref or "the pack's defaults")
            action = self.prompter.ask(Question(
                "review", "select", "What next?",
                choices=(("Score these answers", "score"), ("Change an answer", "change"))))
            if action == "score":
                return
            picks: list[tuple[str, Any]] = [
                (f"{n:>2}. {row.label}: {row.answer}", n - 1) for n, row in enumerate(rows, 1)]
            picks.append(("← back to the review", -1))
            index = self.prompter.ask(Question("which", "select", "Which answer?",
                                               choices=tuple(picks), searchable=True))
            if index >= 0:
                self._ask_changed(shown[index])

    def _ask_changed(self, question: Question) -> None:
        """Change one answer from the review, then ask what that answer newly opens
        (switching to pairwise comparisons asks the comparisons)."""
        was_active = {q.key for q in self.questions if q.active(self.answers)}
        self._ask(question)
        for follow in self.questions:
            if follow.key not in was_active and follow.active(self.answers):
                self._ask(follow)

    def _changed(self, question: Question) -> bool:
        default = question.default_for(self.answers)
        return default is not NO_DEFAULT and bool(self.answers[question.key] != default)

    def _score(self, file_name: str) -> Result:
        from crossroads.engine import score
        from crossroads.report.terminal import render_score

        assert self.pack is not None
        text = self._text(file_name)
        scenario = scenario_from_text(text, "<wizard answers>")
        result = score(self.pack, scenario)
        self.console.print()
        render_score(result, self.console)
        for warning in (*result.warnings, *_constraint_warnings(self.pack, scenario)):
            self._note(warning.render().replace("<wizard answers>: ", ""), "yellow")
        return result

    def _text(self, file_name: str) -> str:
        assert self.pack is not None
        return scenario_text(self.pack, self.start, self.questions, self.answers,
                             scenario_id(file_name))

    # -- saving ---------------------------------------------------------------------------
    def _save(self) -> Path:
        from crossroads.output import write_atomic

        target, overwrite = self._target(self.options.output, proposed_name(
            self.answers, self.options.today), "Save the scenario as?")
        write_atomic(target, self._text(target.name), force=overwrite)
        self.saved = target
        remove_draft(self.options.draft)
        return target

    def _target(self, given: Path | None, proposal: str, message: str,
                parse: Callable[[str], str] | None = None) -> tuple[Path, bool]:
        """The file to write and whether replacing it was allowed (``--force`` or a yes)."""
        opts = self.options
        if not self.interactive:
            from crossroads.output import check_writable

            check_writable(given or Path(proposal), force=opts.force)
            return given or Path(proposal), opts.force
        assert self.prompter is not None
        target: Path | None = given
        while True:
            if target is None:
                target = Path(self.prompter.ask(Question(
                    "output", "path", message, default=proposal,
                    parse=parse or _new_file_name)))
            if opts.force or not target.exists():
                return target, opts.force
            from crossroads.yamlio import display_path

            if self.prompter.ask(Question("replace", "confirm", f"{display_path(target)} "
                                          "exists. Replace it?", default=False)):
                return target, True
            proposal, target = str(target), None

    # -- briefing -------------------------------------------------------------------------
    def _brief(self, result: Result, scenario: Path) -> Path | None:
        opts = self.options
        if opts.brief is not None:
            target, overwrite = self._target(opts.brief, str(opts.brief), "")
            self._note("Writing the briefing (with its robustness analysis)…")
            return _write_briefing(result, target, overwrite)
        if not self.interactive:
            return None
        assert self.prompter is not None
        if not self.prompter.ask(Question("brief", "confirm", "Write a briefing?",
                                          default=False)):
            return None
        if not briefing_available():
            self._note("Briefings are not available in this build yet; the scenario is saved "
                       "and can be briefed later.", "yellow")
            return None
        suffix = self.prompter.ask(Question("brief-format", "select", "Briefing format?",
                                            choices=BRIEFING_FORMATS))
        target, overwrite = self._target(None, f"{scenario.stem}-briefing{suffix}",
                                         "Save the briefing as?", parse=_briefing_name)
        self.options = replace(opts, brief=target)
        self._note("Writing the briefing (with its robustness analysis)…")
        return _write_briefing(result, target, overwrite)

    # -- the equivalent command -----------------------------------------------------------
    def _reproduce_command(self, path: Path, briefing: Path | None) -> str:
        """``crossroads wizard … --defaults -o FILE`` that writes this same file."""
        from crossroads.yamlio import display_path

        assert self.pack is not None
        words = ["crossroads", "wizard"]
        if self.start is None or self.start.pack != self.pack.id or self.options.pack:
            words += ["--pack", self.pack_ref]
        if self.start_ref:
            words += ["--from", self.start_ref]
        options = {SUBJECT: "--subject", AS_OF: "--as-of", TITLE: "--title",
                   RISK_AVERSION: "--risk-aversion", PRIORITY_METHOD: "--priorities"}
        defaults: dict[str, Any] = {}
        for question in self.questions:  # in order, so default_from sees earlier defaults
            if not question.active(self.answers):
                continue  # an answer the file does not use (ratings under pairwise)
            value = self.answers[question.key]
            default = question.default_for(defaults)
            defaults[question.key] = value
            dated_today = question.key == AS_OF and (self.start is None or not self.start.as_of)
            if value == default and default is not NO_DEFAULT and not dated_today:
                continue
            text = question.show(value)
            if question.kind == "confirm":
                text = "true" if value else "false"
            if question.key.startswith(FACTOR_PREFIX):
                words += ["--set", f"{question.key.removeprefix(FACTOR_PREFIX)}={text}"]
            elif question.key.startswith(PRIORITY_PREFIX):
                words += ["--weights", f"{question.key.removeprefix(PRIORITY_PREFIX)}={text}"]
            elif question.key.startswith(PAIRWISE_PREFIX):
                words += ["--pairwise", f"{question.key.removeprefix(PAIRWISE_PREFIX)}={text}"]
            else:
                words += [options[question.key], text]
        words += ["--defaults", "-o", display_path(path), "--force"]
        if briefing is not None:
            words += ["--brief", display_path(briefing)]
        return shlex.join(words)

    def _note(self, text: str, style: str = "dim") -> None:
        from crossroads.report.wizard import render_note

        render_note(self.console, text, style)


def _constraint_warnings(pack: Pack, scenario: Scenario) -> list[Any]:
    """Facts that contradict each other by the pack's own constraints: worth a second look."""
    from crossroads.constraints import constraint_warnings

    try:
        return list(constraint_warnings(pack, scenario))
    except InputError:
        return []  # invalid values were already refused by the engine


def _problem(message: str, hint: str) -> Any:
    from crossroads.errors import Problem

    return Problem(Location("--defaults"), message, hint)


def _scenario_file(text: str) -> str:
    """A path that loads as a scenario (checked when typed, so the list can be trusted)."""
    from crossroads.loader import load_scenario

    path = Path(text.strip()).expanduser()
    if not path.is_file():
        raise AnswerError(f"no such file: {text.strip()}")
    try:
        load_scenario(path)
    except InputError as error:
        raise AnswerError(error.problems[0].render().splitlines()[0]) from None
    return str(path)


def _new_file_name(text: str) -> str:
    path = Path(text.strip()).expanduser()
    if not text.strip():
        raise AnswerError("type a file name")
    if path.is_dir():
        raise AnswerError(f"{text.strip()} is a directory; add a file name")
    if not path.parent.is_dir():
        raise AnswerError(f"the folder {path.parent} does not exist")
    return str(path)


def _briefing_name(text: str) -> str:
    """A new file name whose suffix tells the briefing writer the format."""
    name = _new_file_name(text)
    if Path(name).suffix.lower() not in [suffix for _, suffix in BRIEFING_FORMATS]:
        raise AnswerError("name the briefing .md, .html or .pdf: the suffix picks the format")
    return name


def briefing_available() -> bool:
    """Whether the briefing writer (another module, possibly not shipped yet) is present."""
    return importlib.util.find_spec("crossroads.briefing") is not None


def _write_briefing(result: Result, path: Path, overwrite: bool) -> Path:
    """The same briefing `crossroads brief FILE -o PATH` writes, robustness included."""
    from crossroads.commands.brief import DEFAULT_DRAWS, DEFAULT_SEED
    from crossroads.sensitivity import analyse, summarise

    # Imported by name: a build without the briefing module still runs the wizard.
    writer: Callable[..., Path] = importlib.import_module("crossroads.briefing").write_briefing
    robustness = summarise(analyse(result.pack, result.scenario, DEFAULT_DRAWS, DEFAULT_SEED))
    return Path(writer(result, path, force=overwrite, robustness=robustness))
