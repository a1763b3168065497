"""The bound on numbers read from YAML holds on both sides of zero, in every spelling.

``MAX_MAGNITUDE`` is a bound on size: ``-1e300`` is as far out of range as ``1e300``.  A
pack whose scale is ``[-1e300, 5]`` would make one point worth nothing at all and let a
sum overflow, so it must be refused at its line, like its mirror image.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import Run
from crossroads.core.errors import InputError
from crossroads.core.limits import MAX_MAGNITUDE
from crossroads.io.yamldoc import parse_yaml

BOUND = f"±{MAX_MAGNITUDE:g}"

beyond = st.one_of(
    st.floats(min_value=MAX_MAGNITUDE, max_value=1e308, exclude_min=True),
    st.integers(min_value=int(MAX_MAGNITUDE) + 1, max_value=10**39),
)
within = st.one_of(
    st.floats(min_value=-MAX_MAGNITUDE, max_value=MAX_MAGNITUDE),
    st.integers(min_value=-int(MAX_MAGNITUDE), max_value=int(MAX_MAGNITUDE)),
)


@given(beyond, st.sampled_from([1, -1]))
def test_a_number_beyond_the_bound_is_refused_whatever_its_sign(
        magnitude: float, sign: int) -> None:
    text = repr(sign * magnitude)
    with pytest.raises(InputError) as caught:
        parse_yaml(f"id: x\nvalue: {text}\n", "s.yaml")
    (problem,) = caught.value.problems
    assert (problem.location.line, problem.location.column) == (2, 8)
    assert BOUND in problem.render()


@given(within)
def test_a_number_within_the_bound_is_read_as_written(number: float) -> None:
    doc = parse_yaml(f"value: {number!r}\n", "s.yaml")
    assert doc.data["value"] == number


@pytest.mark.parametrize("scale", ["[-1e300, 5]", "[-5, 1e300]", "[-10000000000000, 5]"])
def test_a_scale_beyond_the_bound_is_refused_at_its_line(
        scale: str, write: Callable[[str, str], Path], cli: Callable[..., Run]) -> None:
    pack = write("wide/pack.yaml", f"""
        format: crossroads.pack/1
        id: wide
        version: "1"
        title: Wide
        factors:
          - {{id: x, type: number, label: X, min: 0, max: 1, default: 0.5}}
        criteria:
          - {{id: gain, title: Gain, scale: {scale}}}
        options:
          - {{id: a, title: A}}
          - {{id: b, title: B}}
        """)
    run = cli("rules", "validate", pack.parent)
    report = run.out + run.err
    assert run.code == 2, report
    assert "pack.yaml:8:" in report and "out of range" in report and BOUND in report
    assert "Traceback" not in report


@pytest.mark.parametrize(("text", "shown"), [
    ("n" * 40, "n" * 40),              # up to 40 characters are quoted whole
    ("n" * 41, "n" * 37 + "..."),      # longer ones are cut to 37 and an ellipsis
])
def test_a_long_bad_number_is_quoted_short(text: str, shown: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_yaml(f"value: !!float {text}\n", "s.yaml")
    assert f"'{shown}' is not a number" in caught.value.problems[0].render()
