"""Print the README's quickstart commands, one a line, for .ci/run to run verbatim.

Read from README.md itself, so what CI runs cannot drift from what a new user is told;
tests/test_docs.py holds the quickstart to two commands.
"""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def quickstart_commands(text: str) -> list[str]:
    """The lines of the one ```sh block under "## Quickstart"."""
    section = text.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    if section.count("```sh") != 1:
        raise SystemExit("README.md: the quickstart must have exactly one ```sh block")
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


if __name__ == "__main__":
    print("\n".join(quickstart_commands(README.read_text(encoding="utf-8"))))
