"""The console script's launcher: cached help that reads exactly like typer's, exit codes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, Run
from crossroads import launch
from crossroads.commands.registry import TOP, Group


def every_help_path() -> list[list[str]]:
    paths: list[list[str]] = [[]]
    for name, item in TOP.items():
        paths.append([name])
        if isinstance(item, Group):
            paths += [[name, sub] for sub in item.commands]
    return paths


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CROSSROADS_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(sys, "argv", ["crossroads"])  # the script's name, as installed
    return tmp_path


@pytest.mark.parametrize("path", every_help_path(), ids=lambda p: " ".join(p) or "crossroads")
def test_the_cached_help_is_what_typer_prints(cli: Callable[..., Run], cache: Path,
                                              path: list[str]) -> None:
    # In-process, click names the program after pytest's "python -m"; the script is
    # "crossroads".
    printed = re.sub(r"^Usage: python -m \S+", "Usage: crossroads", cli(*path, "--help").out)
    assert launch.render_help(path) == printed
    launch.store_help(path)
    assert launch.cached_help(path) == printed


def test_which_arguments_are_a_plain_help_request(monkeypatch: pytest.MonkeyPatch) -> None:
    assert launch.help_words(["--help"]) == []
    assert launch.help_words(["rules", "lint", "--help"]) == ["rules", "lint"]
    assert launch.help_words(["score", "a.yaml", "--help"]) is None  # a file, not a word
    assert launch.help_words(["score", "--format", "json", "--help"]) is None
    assert launch.help_words(["wizard"]) is None and launch.help_words([]) is None
    monkeypatch.setenv("_CROSSROADS_COMPLETE", "bash_complete")
    assert launch.help_words(["--help"]) is None  # completion goes through typer


def test_a_stale_or_foreign_cache_entry_is_not_shown(cache: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    launch.store_help(["wizard"])
    [entry] = cache.glob("help-*.txt")
    key, _, text = entry.read_text(encoding="utf-8").partition("\n")
    assert key == launch.help_key(["wizard"]) and text.startswith("Usage: crossroads wizard")
    # Another width (or another version, or an edited command module) is another key.
    monkeypatch.setenv("COLUMNS", "100")
    assert launch.cached_help(["wizard"]) is None
    monkeypatch.setenv("COLUMNS", "80")
    entry.write_text("1|0.0.0|crossroads|wizard|80\n" + text, encoding="utf-8")
    assert launch.cached_help(["wizard"]) is None
    entry.write_bytes(b"\xff\xfe")
    assert launch.cached_help(["wizard"]) is None
    monkeypatch.setenv("CROSSROADS_CACHE_DIR", "off")
    launch.store_help(["wizard"])
    assert launch.cached_help(["wizard"]) is None


def test_an_edit_anywhere_in_the_package_is_another_key(tmp_path: Path) -> None:
    # `score --help` lists the formats from report/formats.py: an edit there (in an
    # editable install) must not leave the old list showing.
    copy = shutil.copytree(Path(launch.__file__).parent, tmp_path / "crossroads",
                           ignore=shutil.ignore_patterns("__pycache__"))
    before = launch.package_stamps(str(copy))
    formats = copy / "report" / "formats.py"
    assert any(stamp.startswith(f"{formats}:") for stamp in before)
    assert not any("__pycache__" in stamp for stamp in before)
    stat = formats.stat()
    os.utime(formats, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert launch.package_stamps(str(copy)) != before


def test_words_that_name_no_command_are_not_cached(cache: Path) -> None:
    assert launch.render_help(["nosuch"]) is None
    assert launch.render_help(["score", "extra"]) is None
    launch.store_help(["nosuch"])
    assert not list(cache.glob("help-*.txt"))


@pytest.mark.slow
def test_the_script_serves_help_from_the_cache_and_keeps_exit_codes(tmp_path: Path) -> None:
    env = {**os.environ, "CROSSROADS_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "80",
           "CROSSROADS_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT / "cli")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        script = ("import sys; from crossroads.launch import main; "
                  "sys.argv[0] = 'crossroads'; main()")
        return subprocess.run([sys.executable, "-c", script, *args], env=env,
                              capture_output=True, text=True, cwd=tmp_path)

    first, second = run("wizard", "--help"), run("wizard", "--help")
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout and first.stdout.startswith("Usage: crossroads wizard")
    [entry] = (tmp_path / "cache").glob("help-*.txt")
    key = entry.read_text(encoding="utf-8").partition("\n")[0]
    entry.write_text(f"{key}\nfrom the cache\n", encoding="utf-8")
    assert run("wizard", "--help").stdout == "from the cache\n"
    missing = run("score", "missing.yaml")
    assert missing.returncode == 2 and "missing.yaml" in missing.stderr
    assert "Traceback" not in missing.stderr
    scored = run("score", str(ROOT / "scenarios" / "kazakhstan-2025.yaml"), "--format", "json")
    assert scored.returncode == 0 and scored.stdout.rstrip().endswith("}")
