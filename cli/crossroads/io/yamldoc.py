"""Safe YAML reading that keeps the file, line and column of every node.

PyYAML's constructed objects forget where they came from, so we *compose* the node
graph (safe loader only, libyaml when present) and build plain Python data ourselves,
recording a :class:`Location` for every path.  Validators then report problems by path.
"""

from __future__ import annotations

import functools
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crossroads.core.errors import InputError, Location, Problem
from crossroads.io.yamlcore import SCALAR_TAGS, ScalarProblem, install_core_resolvers, scalar_value

if TYPE_CHECKING:
    import yaml

PathKey = tuple[str | int, ...]

_SAFE_SCALAR_TAGS = SCALAR_TAGS
_MAP_TAG = "tag:yaml.org,2002:map"
# Aliases (*name) may repeat a node; a file whose aliases expand past this many values is
# refused ("billion laughs"): real packs and scenarios have a few thousand.
MAX_VALUES = 250_000
MAX_DEPTH = 100  # nesting levels; real files use fewer than ten
MAX_PROBLEMS = 100  # located problems reported from one file before reading stops
_SEQ_TAG = "tag:yaml.org,2002:seq"


@functools.cache
def _loader_class() -> Any:
    """A private loader subclass, so nothing global is ever patched.

    PyYAML (about 15 ms to import) is imported here, when a file is first parsed, so a
    run whose documents all come from the parsed-YAML cache never imports it.
    """
    import yaml

    # libyaml ships in the PyYAML wheels; fall back to pure Python if not.
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = type("_Loader", (base,), {"__doc__": _loader_class.__doc__})
    install_core_resolvers(loader)
    return loader

# Input files larger than this are refused before a byte is read (real packs and scenarios
# are well under 1 MB); CROSSROADS_MAX_INPUT_BYTES raises or lowers the cap.
DEFAULT_MAX_INPUT_BYTES = 5_000_000
# The most the variable may raise it to: YAML parsed with positions takes some 40 times
# its size in memory, so more than this could not be held anyway.
CEILING_MAX_INPUT_BYTES = 100_000_000
STDIN = "-"
# What "-" is opened as (services.inputs); a pipe there is standard input, not a FIFO file.
STDIN_PATHS = (STDIN, "/dev/stdin")


def max_input_bytes() -> int:
    """The input size cap: CROSSROADS_MAX_INPUT_BYTES when set to a positive integer,
    clamped to :data:`CEILING_MAX_INPUT_BYTES`."""
    raw = os.environ.get("CROSSROADS_MAX_INPUT_BYTES", "").strip()
    if raw.isascii() and raw.isdigit() and 0 < len(raw) <= 15 and int(raw) > 0:
        return min(int(raw), CEILING_MAX_INPUT_BYTES)
    return DEFAULT_MAX_INPUT_BYTES


@dataclass
class Doc:
    """Plain data from one YAML file plus the location of every value and key."""

    file: str
    data: Any
    positions: dict[PathKey, Location] = field(default_factory=dict)
    key_positions: dict[PathKey, Location] = field(default_factory=dict)
    # The YAML style of each scalar (None = plain, '"', "'", '|', '>'), used to map
    # expression columns inside a quoted string back onto the file.
    styles: dict[PathKey, str | None] = field(default_factory=dict)

    def at(self, path: PathKey) -> Location:
        """Location of the value at *path*, or of its nearest ancestor that has one."""
        probe = tuple(path)
        while probe:
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), Location(self.file, 1, 1))

    def key_at(self, path: PathKey) -> Location:
        """Location of the mapping key that ends *path* (falls back to the value)."""
        return self.key_positions.get(tuple(path)) or self.at(path)


def display_path(path: Path | str) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    p = Path(path)
    try:
        rel = os.path.relpath(p)
    except ValueError:  # different drive on Windows
        return str(p)
    return str(p) if rel.startswith("..") else rel


def _too_large(shown: str, cap: int) -> InputError:
    return InputError.single(shown, f"is larger than the {cap:,}-byte input limit",
                             "split the file, or raise CROSSROADS_MAX_INPUT_BYTES")


def read_bytes(path: Path, missing_hint: str = "check the spelling of the path", *,
               cap: int | None = None) -> bytes:
    """The bytes of a regular file (or of stdin for ``-``), refusing anything else.

    The one read function for everything crossroads reads: scenarios, packs, includes,
    pack tests, drafts, quoted sources and cache entries.  FIFOs, devices and sockets are
    refused from ``stat`` alone, before any open or read, so `/dev/zero` cannot fill
    memory and a FIFO cannot hang the command; the file is opened non-blocking, so one
    swapped in after the ``stat`` cannot hang it either.  *cap* defaults to the input cap.
    """
    cap = max_input_bytes() if cap is None else cap
    if str(path) in STDIN_PATHS:
        return _read_stdin(cap)
    shown = display_path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError.single(shown, "no such file", missing_hint) from None
    except OSError as exc:
        raise InputError.single(shown, f"cannot read: {exc.strerror or exc}",
                                "check the path and its permissions") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError.single(shown, "is a directory, not a YAML file", "pass a .yaml file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError.single(shown, "is not a regular file (a device, FIFO or socket)",
                                "pass an ordinary .yaml file")
    if info.st_size > cap:
        raise _too_large(shown, cap)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since the stat above
                raise InputError.single(shown, "is not a regular file (a device, FIFO or "
                                        "socket)", "pass an ordinary .yaml file")
            raw = _read_capped(handle, cap)
    except OSError as exc:
        raise InputError.single(shown, f"cannot read: {exc.strerror or exc}",
                                "check permissions") from None
    if len(raw) > cap:
        raise _too_large(shown, cap)
    return raw


def _read_capped(stream: Any, cap: int) -> bytes:
    """At most cap + 1 bytes, read in chunks: a buffer is never sized from the cap alone
    (a file that grew since its ``stat`` still stops just past the cap)."""
    chunks: list[bytes] = []
    size = 0
    while size <= cap and (chunk := stream.read(min(1 << 20, cap + 1 - size))):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _read_stdin(cap: int) -> bytes:
    raw = _read_capped(sys.stdin.buffer, cap)
    if len(raw) > cap:
        raise _too_large("stdin", cap)
    return raw


def read_text(path: Path, missing_hint: str = "check the spelling of the path") -> str:
    """Read a UTF-8 file or raise an :class:`InputError` that says exactly what is wrong."""
    shown = "stdin" if str(path) in STDIN_PATHS else display_path(path)
    raw = read_bytes(path, missing_hint)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputError.single(
            Location(shown, line, column),
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            "save the file as UTF-8",
        ) from exc


def _text_location(text: str, file: str, index: int) -> Location:
    before = text[:index]
    return Location(file, before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1)


def load_yaml(path: Path, missing_hint: str = "check the spelling of the path") -> Doc:
    """Parse one YAML file into a :class:`Doc`; all problems raise :class:`InputError`."""
    shown = "stdin" if str(path) in STDIN_PATHS else display_path(path)
    return parse_yaml(read_text(path, missing_hint), shown)


def parse_yaml(text: str, file: str) -> Doc:
    import yaml

    loader = _loader_class()(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        what = exc.problem or exc.context or "malformed YAML"
        raise InputError.single(
            where,
            f"malformed YAML: {what}",
            "check indentation, colons and quotes near this point",
        ) from exc
    except yaml.reader.ReaderError as exc:  # a control character the YAML spec forbids
        raise InputError.single(
            _text_location(text, file, exc.position),
            f"control character U+{exc.character:04X} is not allowed in YAML"
            if isinstance(exc.character, int) else "character not allowed in YAML",
            "delete it; write text with ordinary characters only") from exc
    except yaml.YAMLError as exc:
        raise InputError.single(file, "malformed YAML", "check the file's syntax") from exc
    finally:
        loader.dispose()
    doc = Doc(file, None)
    if node is None:
        doc.positions[()] = Location(file, 1, 1)
        return doc
    builder = _Builder(loader, doc)
    doc.data = builder.build(node, ())
    if builder.problems:
        raise InputError(builder.problems)
    return doc


class _Builder:
    """Turns composed nodes into data, refusing unsafe tags and duplicate keys."""

    def __init__(self, loader: Any, doc: Doc) -> None:
        self.loader = loader
        self.doc = doc
        self.problems: list[Problem] = []
        self.built = 0
        self.open: set[int] = set()  # ids of the collection nodes being built (for cycles)

    def loc(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.doc.file, mark.line + 1, mark.column + 1)

    def refuse_tag(self, node: yaml.Node) -> None:
        self.problems.append(
            Problem(
                self.loc(node),
                f"tag {node.tag!r} is not allowed",
                "crossroads reads plain YAML data only; remove the tag",
            )
        )

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        import yaml  # already imported by parse_yaml; a dictionary lookup

        self.built += 1
        if self.built > MAX_VALUES:
            raise InputError.single(self.loc(node), f"the file holds more than {MAX_VALUES:,} "
                                    "values (each use of a YAML alias counts)",
                                    "split the file, or write out nested aliases")
        if len(path) > MAX_DEPTH:
            raise InputError.single(self.loc(node), f"values are nested more than {MAX_DEPTH} "
                                    "levels deep", "flatten the data")
        if id(node) in self.open:
            raise InputError.single(self.loc(node), "a YAML alias refers to the value that "
                                    "contains it", "remove the recursive alias")
        self.doc.positions[path] = self.loc(node)
        if isinstance(node, yaml.ScalarNode):
            self.doc.styles[path] = node.style
            if node.tag not in _SAFE_SCALAR_TAGS:
                self.refuse_tag(node)
                return None
            try:
                return scalar_value(node.tag, node.value)
            except ScalarProblem as problem:
                self.problems.append(Problem(self.loc(node), problem.message, problem.hint))
                return None
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                self.refuse_tag(node)
                return None
            self.open.add(id(node))
            items = [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
            self.open.discard(id(node))
            return items
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                self.refuse_tag(node)
                return None
            self.open.add(id(node))
            mapping = self.build_mapping(node, path)
            self.open.discard(id(node))
            return mapping
        self.refuse_tag(node)  # pragma: no cover - no other node kinds exist
        return None

    def build_mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        import yaml

        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(
                    Problem(self.loc(key_node), "YAML merge keys (<<) are not supported",
                            "write the keys out in full")
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SAFE_SCALAR_TAGS:
                self.problems.append(
                    Problem(self.loc(key_node), "mapping keys must be plain text",
                            "use a simple word as the key")
                )
                continue
            # Keys are names: keep the text as written (`true:` or `017:` stay text).
            key = key_node.value
            child = (*path, key)
            if key in result:
                if len(self.problems) >= MAX_PROBLEMS:  # 400,000 duplicates: say so once
                    raise InputError([*self.problems, Problem(
                        self.loc(key_node), f"more than {MAX_PROBLEMS} problems; stopped "
                        "reading here", "fix these first")])
                first = self.doc.key_positions[child]
                self.problems.append(
                    Problem(
                        self.loc(key_node),
                        f"duplicate key {key!r} (first defined at line {first.line})",
                        "remove one of the two entries",
                    )
                )
                continue
            self.doc.key_positions[child] = self.loc(key_node)
            result[key] = self.build(value_node, child)
        return result
