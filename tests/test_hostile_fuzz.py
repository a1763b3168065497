"""In-process fuzzing through the CLI entry point: untrusted YAML never crashes crossroads.

Two generators, about 2,000 cases in all: arbitrary YAML documents (random structure,
scalars chosen to hit YAML 1.1 coercions, tags, dates, huge numbers, control and bidi
characters, rich markup) and mutations of the shipped scenario files (lines dropped,
duplicated or with a value replaced by one of those scalars).  Every run must end with
exit 0 or 2 and put no traceback and no ESC byte on the terminal.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crossroads.app import main

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))

TRICKY_SCALARS = [
    "NO", "yes", "on", "off", "~", "null", "1:30", "017", "0o17", "0x1F", "1e308", "-1e308",
    ".inf", "-.inf", ".nan", "9" * 5000, "2025-02-30", "2025-13-01", "!!int abc",
    "!!float abc", "!!bool maybe", "!!timestamp nope", "!!python/object:os.system x",
    "!!binary eA==", "'[/bold]'", "'[link=http://x]CLICK[/link]'", '"\\e[2J"',
    '"\\e]52;c;aGk=\\a"', '"\\u202Eabc"', '"\\x9b31m"', "*undefined", "&a x", "[", "{",
    "'", '"', "- -", "? x", "<<: {}", "-0", "0.0", "1", "true", "false", "high",
]
KEYS = ["format", "id", "title", "subject", "as_of", "pack", "factors", "priorities",
        "pairwise", "risk_aversion", "notes", "value", "range", "low", "high", "source",
        "trade_share_russia", "russian_pressure", "economic-ties", "x"]

scalars = st.one_of(
    st.sampled_from(TRICKY_SCALARS),
    st.text(max_size=12).map(lambda s: yaml.safe_dump(s, width=1000).strip()),
    st.floats(allow_nan=False).map(repr),
    st.integers().map(str),
)


def _render(node: object, indent: int = 0) -> str:
    """YAML text of a tree whose leaves are raw scalar *source* (not values)."""
    pad = "  " * indent
    if isinstance(node, dict):
        if not node:
            return "{}"
        return "\n" + "\n".join(f"{pad}{key}: {_render(value, indent + 1)}"
                                for key, value in node.items())
    if isinstance(node, list):
        if not node:
            return "[]"
        return "\n" + "\n".join(f"{pad}- {_render(value, indent + 1).lstrip()}"
                                for value in node)
    return str(node)


trees = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), children, max_size=5),
    ),
    max_leaves=6,
)
documents = st.dictionaries(st.sampled_from(KEYS), trees, max_size=6).map(
    lambda tree: _render(tree).lstrip("\n") + "\n")


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code = main(argv)
    captured = capsys.readouterr()
    both = captured.out + captured.err
    assert code in (0, 2), f"exit {code}:\n{both[-2000:]}"
    assert "Traceback" not in both
    assert "\x1b" not in both


_SETTINGS = {"deadline": None, "derandomize": True,
             "suppress_health_check": [HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow]}


@pytest.mark.slow
@settings(max_examples=1700, **_SETTINGS)
@given(text=documents, command=st.sampled_from(["validate", "score"]))
def test_arbitrary_yaml_documents(text: str, command: str, workdir: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = workdir / "doc.yaml"
    path.write_text(text, encoding="utf-8")
    argv = ["scenarios", "validate", str(path)] if command == "validate" \
        else ["score", str(path), "--no-log", "--format", "json"]
    _run(argv, capsys)


@st.composite
def mutated_shipped(draw: st.DrawFn) -> str:
    source = draw(st.sampled_from(SHIPPED)).read_text(encoding="utf-8").splitlines()
    for _ in range(draw(st.integers(1, 3))):
        if not source:
            break
        index = draw(st.integers(0, len(source) - 1))
        action = draw(st.sampled_from(["drop", "duplicate", "replace", "truncate"]))
        line = source[index]
        if action == "drop":
            del source[index]
        elif action == "duplicate":
            source.insert(index, line)
        elif action == "truncate":
            source[index] = line[: draw(st.integers(0, len(line)))]
        else:
            head, colon, _ = line.partition(": ")
            source[index] = f"{head}{colon or ': '}{draw(scalars)}"
    return "\n".join(source) + "\n"


@pytest.mark.slow
@settings(max_examples=300, **_SETTINGS)
@given(text=mutated_shipped())
def test_mutations_of_shipped_scenarios(text: str, workdir: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = workdir / "mutated.yaml"
    path.write_text(text, encoding="utf-8")
    _run(["scenarios", "validate", str(path)], capsys)
