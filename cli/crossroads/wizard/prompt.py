"""The one place the wizard prompts: a :class:`Question` becomes a questionary prompt.

questionary (and prompt_toolkit under it, ~170 ms to import) is imported here, inside
:meth:`Prompter.ask`, so commands that never prompt do not pay for it.  ``?`` then Enter
on any prompt that is not free text shows the question's help and asks the same question
again (typed prompts see "?" as the whole answer and show the help too); ``?`` alone does
nothing yet, so the Enter that follows it can never fall through to the next prompt and
accept its default.

Esc on any prompt goes back: the prompt returns a marker and :meth:`Prompter.ask` raises
:class:`~crossroads.wizard.state.GoBack`.  Menus do not wrap around.

questionary's ``ask()`` swallows Ctrl-C and returns None; ``unsafe_ask()`` lets
KeyboardInterrupt (Ctrl-C) and EOFError (end of input) through, and the flow turns both
into a saved draft and exit code 130.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, assert_never

from crossroads.report.safe_text import visible
from crossroads.wizard.questions import (
    NO_DEFAULT,
    Question,
    QuestionKind,
    with_off_scale_choice,
)
from crossroads.wizard.state import GoBack

# Returned by a prompt when the user pressed "?" then Enter, or Esc (objects nobody types).
_HELP = object()
_BACK = object()
# The value of a menu's last entry, "type it with a range or a source…".
_TYPED = object()
TYPED_TITLE = "Type it, with a range or a source…"
GENERAL_HELP = ("Enter keeps the answer shown; Esc goes back to the question before; "
                "Ctrl-C keeps a draft and stops.")


class Prompter:
    """Asks questions on the terminal (or on a prompt_toolkit app session in tests)."""

    def __init__(self, show_help: Callable[[str], None],
                 show_error: Callable[[str], None]) -> None:
        self.show_help = show_help
        self.show_error = show_error

    def ask(self, question: Question, default: Any = NO_DEFAULT) -> Any:
        """Ask *question* until it gets a valid answer; returns the parsed value.
        Raises :class:`GoBack` when the analyst presses Esc."""
        if default is NO_DEFAULT:
            default = question.default
        if question.kind is QuestionKind.SELECT:
            question = with_off_scale_choice(question, default)
            if question.typed_entry:
                question = _with_typed_choice(question, default)
        typed: str | None = None  # a refused answer, offered again for correction
        while True:
            answer = self._prompt(question, default, typed).unsafe_ask()
            if answer is _BACK:
                raise GoBack
            if answer is _TYPED:
                # The same question as a text entry that takes "medium (low..high) src: …".
                try:
                    return self.ask(replace(question, kind=QuestionKind.NUMBER, choices=(),
                                            instruction=f"e.g. {question.typed_entry}"),
                                    default)
                except GoBack:
                    continue  # back to the menu
            if answer is _HELP or (question.kind.typed and isinstance(answer, str)
                                   and answer.strip() == "?"):
                self.show_help("\n".join(filter(None, [question.help, GENERAL_HELP])))
                typed = None
                continue
            if not question.kind.typed:
                return answer
            # Checked here rather than by questionary's validator, whose message appears
            # at the bottom of the terminal, far from the question: this one is just below.
            problem = question.check(answer)
            if problem is None:
                return question.parse(answer)
            self.show_error(problem)
            typed = answer

    def _prompt(self, question: Question, default: Any, typed: str | None) -> Any:
        import questionary  # lazy: ~170 ms, and --defaults runs never prompt

        has_default = default is not NO_DEFAULT
        text = typed if typed is not None else question.show(default) if has_default else ""
        parts = [question.instruction] if question.instruction else []
        # Questions and choices come from packs: prompt_toolkit prints controls raw, so a
        # bidi override (U+202E) in a pack's `question:` would reorder the prompt.
        question = replace(question, message=visible(question.message),
                           choices=tuple((visible(title), value)
                                         for title, value in question.choices))
        made: Any
        match question.kind:
            case QuestionKind.SELECT:
                if question.searchable:
                    parts.append("type to filter")
                parts.append("? help, Esc back")
                choices = [questionary.Choice(title, value=value)
                           for title, value in question.choices]
                values = [value for _, value in question.choices]
                made = questionary.select(
                    _wrapped(question.message, _bracketed(parts)), choices=choices,
                    default=choices[values.index(default)] if default in values else None,
                    instruction=_bracketed(parts), use_jk_keys=False,
                    use_search_filter=question.searchable)
                _no_wrap_around(made)
                _bind_help_key(made)
            case QuestionKind.CONFIRM:  # questionary's own "(Y/n)" gives way to ours
                parts.insert(0, "Y/n" if has_default and default else "y/N")
                parts.append("? help, Esc back")
                made = questionary.confirm(_wrapped(question.message, _bracketed(parts)),
                                           default=bool(default) if has_default else False,
                                           instruction=_bracketed(parts) + " ")
                _bind_help_key(made)
            case QuestionKind.PATH:
                made = questionary.path(question.message, default=text)
                if text:
                    _type_to_replace(made)
            case QuestionKind.TEXT | QuestionKind.NUMBER:
                parts.append("? help, Esc back")
                made = questionary.text(_wrapped(question.message, _bracketed(parts)),
                                        default=text,
                                        instruction=_bracketed(parts))
                if text:
                    _type_to_replace(made)
            case _:
                assert_never(question.kind)
        _bind_back_key(made)
        return made


def _wrapped(message: str, instruction: str) -> str:
    """The question broken between words to fit the terminal (after questionary's "? "),
    where the terminal itself would break a word in two; the instruction that follows it
    starts a line of its own when it would not fit after the last."""
    import shutil
    import textwrap

    width = shutil.get_terminal_size().columns - 3
    lines = textwrap.wrap(message, width=width, break_long_words=False,
                          break_on_hyphens=False) or [message]
    if instruction and len(lines[-1]) + 2 + len(instruction) > width:
        lines.append("")
    return "\n".join(lines)


def _bracketed(parts: list[str]) -> str:
    return visible(f"({'; '.join(parts)})") if parts else ""


def _with_typed_choice(question: Question, current: Any) -> Question:
    """The menu with a last entry for typing a range and a source; an answer that has
    them already (a draft, an earlier answer) is offered first, so Enter keeps it."""
    choices = [c for c in question.choices if c[1] is not _TYPED]
    if isinstance(current, dict) and current not in [v for _, v in choices]:
        choices.insert(0, (f"{question.show(current)} (current)", current))
    return replace(question, choices=(*choices, (TYPED_TITLE, _TYPED)))


def _type_to_replace(made: Any) -> None:
    """Typing over a pre-filled answer replaces it, as in a selected form field.

    Without this, typing 0.45 over the shown 0.2 gives "0.20.45".  Once the cursor moves
    or the text is edited (Backspace, arrows, Ctrl-U), typing edits as usual.
    """
    # lazy, like questionary above: prompt_toolkit is only needed once a prompt is shown
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.keys import Keys

    app = made.application
    buffer = app.current_buffer
    pristine = [True]

    def touched(_: Any) -> None:
        pristine[0] = False

    buffer.on_cursor_position_changed += touched
    buffer.on_text_changed += touched
    bindings = KeyBindings()

    @bindings.add(Keys.Any, filter=Condition(lambda: pristine[0]))
    def _replace(event: Any) -> None:
        if event.data.isprintable():
            event.current_buffer.text = ""
            event.current_buffer.insert_text(event.data)

    app.key_bindings = merge_key_bindings([app.key_bindings, bindings])


def _bind_help_key(made: Any) -> None:
    """On a menu or yes/no prompt, "?" then Enter leaves it (erased) with the help marker.

    Text and number prompts need no binding: "?" is typed and Enter submits it.
    """
    # lazy: prompt_toolkit comes with questionary, ~170 ms, only when a prompt is shown
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    bindings = KeyBindings()
    pending = [False]

    @bindings.add("?", eager=True)
    def _arm(event: Any) -> None:
        pending[0] = True

    @bindings.add("enter", eager=True, filter=Condition(lambda: pending[0]))
    def _help(event: Any) -> None:
        event.app.erase_when_done = True
        event.app.exit(result=_HELP)

    app = made.application
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings])


def _bind_back_key(made: Any) -> None:
    """Esc leaves any prompt (erased from the screen) with the back marker."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    bindings = KeyBindings()

    @bindings.add("escape", eager=True)
    def _back(event: Any) -> None:
        event.app.erase_when_done = True
        event.app.exit(result=_BACK)

    app = made.application
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings])


def _no_wrap_around(made: Any) -> None:
    """A menu stops at its first and last entry: one Down too many on the last entry
    must not silently pick the first ("none")."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.keys import Keys
    from questionary.prompts.common import InquirerControl

    app = made.application
    control = next((c for c in app.layout.find_all_controls()
                    if isinstance(c, InquirerControl)), None)
    if control is None:
        return

    def move(step: int) -> None:
        at = control.pointed_at
        index = at + step
        while 0 <= index < control.choice_count:
            control.pointed_at = index
            if control.is_selection_valid():
                return
            index += step
        control.pointed_at = at  # already at the end: stay

    bindings = KeyBindings()
    for key in (Keys.Down, Keys.ControlN):
        bindings.add(key, eager=True)(lambda _event: move(1))
    for key in (Keys.Up, Keys.ControlP):
        bindings.add(key, eager=True)(lambda _event: move(-1))
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings])
