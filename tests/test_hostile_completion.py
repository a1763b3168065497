"""Shell completion cannot run text from a pack (issue 25, item 1).

Level and choice labels are a pack's free text, and completion output is evaluated by
the shell: zsh ``eval``s it, bash expands it unquoted.  A label such as
``\\$(touch PWNED)`` ran when the user pressed Tab.  These tests ask crossroads for
completions as each shell does (typer's protocol, through the real entry point), then
evaluate the output the way that shell's completion script does: in zsh itself when it
is installed (skipped cleanly otherwise), with zsh's step (``eval $(...)``) emulated in
bash always, in bash as its script does, and split as fish and PowerShell split it.
Nothing may run, and every candidate offered must arrive as the literal text it stands
for.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer._completion_classes import BashComplete, FishComplete, PowerShellComplete, ZshComplete

from conftest import ROOT, TINY_PACK
from crossroads.report.safe_text import shell_words

HOSTILE_LABELS = ["calm", "\\$(touch PWNED1)", "$(touch PWNED2)", "`touch PWNED3`",
                  "tail\\", "it's", 'say "hi"', "a b", "*", "x;touch PWNED4", "Қазақ",
                  "very_high", "new\nline", "1:30", ":::", "!!", "~root", "${HOME}"]
ZSH = shutil.which("zsh")
BASH = shutil.which("bash")


def _pack_with_labels(folder: Path, labels: list[str]) -> Path:
    import yaml

    text = (TINY_PACK / "pack.yaml").read_text(encoding="utf-8")
    factor = yaml.safe_dump([{"id": "mood", "type": "choice", "label": "M",
                              "choices": labels, "default": labels[0]}],
                            default_flow_style=True, width=10_000).strip()[1:-1]
    pack = folder / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(text.replace("factors:\n", f"factors:\n  - {factor}\n"),
                                    encoding="utf-8")
    return pack


def _complete(shell: str, words: str, cwd: Path) -> str:
    """What `crossroads` prints when *shell*'s completion script asks for *words*."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "cli"), "_CROSSROADS_COMPLETE":
           f"complete_{shell}", "_TYPER_COMPLETE_ARGS": words,
           "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1
                                                   + words.endswith(" ")),
           "_TYPER_COMPLETE_FISH_ACTION": "get-args",
           "_TYPER_COMPLETE_WORD_TO_COMPLETE": words.split()[-1]}
    script = ("import sys; sys.argv[0] = 'crossroads'; "
              "from crossroads.app import main; sys.exit(main())")
    proc = subprocess.run([sys.executable, "-c", script], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.stdout


# zsh's completion script runs `eval $(...)`; typer prints `_arguments '*: :((...))'`, and
# `_arguments` evaluates the text inside `((...))` as array elements
# (`eval ws=( ... )`): both evaluations are replayed, the second by a stand-in.
_ZSH_STEP = """_arguments() {
  local body="${1#\\*: :\\(\\(}"; body="${body%\\)\\)}"
  eval "ws=( $body )"
  for a in "${ws[@]}"; do printf '%s\\0' "$a"; done
}
eval $(cat "$1")"""
_BASH_STEP = """IFS=$'\\n'
COMPREPLY=( $(cat "$1") )
for a in "${COMPREPLY[@]}"; do printf '%s\\0' "$a"; done"""


def _evaluate(shell: str, step: str, output: str, cwd: Path) -> list[str]:
    """Run *output* through the evaluation step of a completion script in *shell*; the
    words that reach the completion system."""
    out = cwd / "completion.out"
    out.write_text(output, encoding="utf-8")
    proc = subprocess.run([shell, "-f" if shell.endswith("zsh") else "--norc", "-c", step,
                           "step", str(out)], cwd=cwd, capture_output=True, timeout=30)
    return [w.decode() for w in proc.stdout.split(b"\0") if w]


def _zsh_values(words: list[str]) -> list[str]:
    """Candidate values from the words `_arguments` made of its `((...))` list (an
    escaped colon separates a value from its description)."""
    return [word.replace("\\:", ":") for word in words]


@pytest.fixture
def hostile_pack(tmp_path: Path) -> Path:
    return _pack_with_labels(tmp_path, HOSTILE_LABELS)


def _scenario(tmp_path: Path) -> Path:
    return ROOT / "tests" / "data" / "history" / "testland.yaml"


def _assert_nothing_ran(cwd: Path) -> None:
    assert not list(cwd.glob("PWNED*")), "a label from the pack ran in the shell"


@pytest.mark.slow
@pytest.mark.parametrize("labels", [HOSTILE_LABELS, ["calm", "\\$(touch PWNED1)"]],
                         ids=["many", "the-reported-label"])
@pytest.mark.parametrize("shell", ["zsh", "zsh-emulated-in-bash", "bash"])
def test_tab_after_set_never_runs_a_label(shell: str, labels: list[str],
                                          tmp_path: Path) -> None:
    hostile_pack = _pack_with_labels(tmp_path, labels)
    if shell == "zsh" and ZSH is None:
        pytest.skip("zsh is not installed (the emulated step below still runs)")
    if BASH is None:
        pytest.skip("bash is not installed")
    words = f"crossroads score {_scenario(tmp_path)} -p {hostile_pack} --set mood="
    kind = "bash" if shell == "bash" else "zsh"
    output = _complete(kind, words, tmp_path)
    if kind == "zsh":
        reached = _evaluate(ZSH or BASH if shell == "zsh" else BASH, _ZSH_STEP, output,
                            tmp_path)
        values = _zsh_values(reached)
    else:
        values = _evaluate(BASH, _BASH_STEP, output, tmp_path)
    _assert_nothing_ran(tmp_path)
    assert values == shell_words(f"mood={label}" for label in labels), values  # literal
    assert "mood=calm" in values


@pytest.mark.slow
@pytest.mark.parametrize("shell", ["fish", "powershell"])
def test_fish_and_powershell_get_one_literal_word_each(shell: str, hostile_pack: Path,
                                                       tmp_path: Path) -> None:
    words = f"crossroads score {_scenario(tmp_path)} -p {hostile_pack} --set mood="
    output = _complete(shell, words, tmp_path)
    if shell == "fish":  # one candidate a line, help after a tab
        values = [line.split("\t")[0] for line in output.splitlines() if line]
    else:  # one a line, help after ":::"
        values = [line.split(":::")[0] for line in output.splitlines() if line]
    assert values == shell_words(f"mood={label}" for label in HOSTILE_LABELS)
    assert "mood=Қазақ" in values


FORMATTERS = {"zsh": ZshComplete, "bash": BashComplete, "fish": FishComplete,
              "powershell": PowerShellComplete}


def _format(shell: str, values: list[str]) -> str:
    """Typer's own formatting of *values* for *shell* (what `complete` prints)."""
    from click.shell_completion import CompletionItem

    cls = FORMATTERS[shell]
    formatter = cls.__new__(cls)
    lines = [formatter.format_completion(CompletionItem(v)) for v in values]
    if shell == "zsh":
        return "_arguments '*: :((" + "\n".join(lines) + "))'" if lines else "_files"
    return "\n".join(lines)


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(labels=st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=4))
def test_completion_fuzz(labels: list[str], tmp_path_factory: pytest.TempPathFactory) -> None:
    """Any labels: what completion offers, evaluated as bash and zsh evaluate it, runs
    nothing and arrives as the literal candidates."""
    if BASH is None:
        pytest.skip("bash is not installed")
    cwd = tmp_path_factory.mktemp("tab")
    values = shell_words(f"mood={label}" for label in labels)
    reached = _evaluate(BASH, _BASH_STEP, _format("bash", values), cwd)
    assert reached == values
    if values:
        step_shell = ZSH or BASH
        assert _zsh_values(_evaluate(step_shell, _ZSH_STEP, _format("zsh", values), cwd)) \
            == values
    for shell in ("fish", "powershell"):
        separator = "\t" if shell == "fish" else ":::"
        text = _format(shell, values)
        assert [line.split(separator)[0] for line in text.splitlines() if line] == values
    _assert_nothing_ran(cwd)
