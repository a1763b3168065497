"""The value model: criterion points and risks on one common value scale.

Every criterion declares a scale (``scale: [low, high]``).  Its performance maps *linearly*
onto a common value scale on which every declared scale spans the same swing,
:data:`VALUE_SWING` value units: a point on a criterion declared ``[-10, 10]`` is worth one
value unit, on ``[-100, 100]`` a tenth of one.  So a criterion's weight is a *swing weight*:
it says how much moving that criterion from its worst to its best anchor matters, and
rescaling a criterion's scale and its points together changes no score.  The map has no
offset (zero points stay zero value), so every rule's line stays an exact part of a score.

Risks live on the same scale.  A risk event's impact (1-5) maps linearly too: an event of
impact 5 that is certain to happen costs the pack's ``risk_scale`` (default
:data:`~crossroads.core.model.DEFAULT_RISK_SCALE`, a fifth) of the full value swing, the
:data:`VALUE_SWING` units that all weighted criteria together span.  The cost does not
depend on how many criteria the pack has: adding a criterion no rule uses changes no
score.  Risk aversion multiplies that cost: 2 counts every risk twice as heavily, 0
ignores risk.  The docs (explanation/scoring) work an example by hand.
"""

from __future__ import annotations

from crossroads.core.model import Criterion, Pack

#: Value units between a criterion's worst and best anchor (the packs' [-10, 10] scale
#: keeps its numbers: one point, one value unit).
VALUE_SWING = 20.0
#: The top of the impact scale: a certain impact-5 event costs ``risk_scale`` x the swing.
IMPACT_MAX = 5


def value_per_point(criterion: Criterion) -> float:
    """Value units one point on *criterion*'s declared scale is worth."""
    return VALUE_SWING / (criterion.scale_max - criterion.scale_min)


def risk_unit(pack: Pack) -> float:
    """Weighted value units one impact level of a certain event costs at risk aversion 1:
    ``VALUE_SWING x risk_scale / IMPACT_MAX`` (0.8 at the default risk scale of 0.2)."""
    return VALUE_SWING * pack.risk_scale / IMPACT_MAX


def score_axis(pack: Pack) -> float:
    """The largest benefit any option can reach under *pack*, whatever the weights: the
    half-swing of its widest criterion in value units (10 for the packs' [-10, 10]).

    Score bars are drawn on this fixed axis, so a what-if's leader at 3.25 draws a
    shorter bar than a baseline's at 4.16 instead of both filling the bar."""
    return max((max(abs(c.scale_min), abs(c.scale_max)) * value_per_point(c)
                for c in pack.criteria.values()), default=VALUE_SWING / 2)


def scale_note(criterion: Criterion) -> str:
    """One line for explanations: the declared scale and its anchors, in words, and what a
    point is worth when the scale is not the packs' usual [-10, 10]."""
    worst = f", worst “{criterion.worst_anchor}”" if criterion.worst_anchor else ""
    best = f", best “{criterion.best_anchor}”" if criterion.best_anchor else ""
    note = (f"{criterion.title}: from {criterion.scale_min:g}{worst} "
            f"to {criterion.scale_max:g}{best}")
    per_point = value_per_point(criterion)
    if per_point != 1:
        note += (f"; a point here counts {per_point:.4g} times a point on a [-10, 10] "
                 "scale")
    middle = [f"{at:g}: “{text}”" for at, text in criterion.anchors
              if at not in (criterion.scale_min, criterion.scale_max)]
    return note + (f"; {', '.join(middle)}" if middle else "")


def method_note(pack: Pack) -> str:
    """How an explanation's lines add up, in words (no model jargon)."""
    unit = risk_unit(pack)
    return ("Each line: points × the criterion's weight = its part of the benefit. "
            f"A risk event costs likelihood × impact (1–5) × {unit:.4g} × risk aversion "
            f"(a certain event of impact 5 costs {unit * IMPACT_MAX:.4g}).")
