"""The one value grammar takes what a source is and how sure a judgement is (issue 21):
`kind:` and `p_wrong:` read the same at a wizard prompt and in `score --set`."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from conftest import Run
from crossroads.io.lookup import find_pack
from crossroads.io.value_text import ValueTextError, parse_value, stated_text


def test_kind_and_p_wrong_parse_and_read_back() -> None:
    pack = find_pack("partner-engagement")
    share = parse_value(pack.factors["trade_share_russia"],
                        "0.12-0.16 src: Armstat 2024 kind: analyst")
    assert (share.low, share.high, share.source, share.source_kind) == (
        0.12, 0.16, "Armstat 2024", "analyst")
    judged = parse_value(pack.factors["recent_pressure_event"], "yes src: desk p_wrong: 20%")
    assert (judged.value, judged.p_wrong, judged.source) == (True, 0.2, "desk")
    for stated, factor in ((share, "trade_share_russia"), (judged, "recent_pressure_event")):
        assert parse_value(pack.factors[factor], stated_text(stated)) == stated
    with pytest.raises(ValueTextError, match="neutrality is a fixed boolean factor"):
        parse_value(pack.factors["neutrality"], "no p_wrong: 0.1")
    with pytest.raises(ValueTextError, match="a range or p_wrong, not both"):
        parse_value(pack.factors["russian_pressure"], "high (medium..severe) p_wrong: 0.1")
    with pytest.raises(ValueTextError, match=r"not a chance from 0 to 0\.5"):
        parse_value(pack.factors["russian_pressure"], "high p_wrong: 0.7")


def test_score_set_takes_them_too(cli: Callable[..., Run]) -> None:
    run = cli("score", "kazakhstan-2025", "--no-log", "--format", "json", "--set",
              "recent_pressure_event=yes src: desk reading p_wrong: 0.2")
    assert run.code == 0, run.err
    assert json.loads(run.out)["schema"] == "crossroads.score/2"
    bad = cli("score", "kazakhstan-2025", "--no-log", "--set", "neutrality=no p_wrong: 0.2")
    assert bad.code == 2 and "p_wrong is only for judged" in bad.err
