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


def scale_note(criterion: Criterion) -> str:
    """One line for explanations: the declared scale, its value per point and anchors."""
    note = (f"{criterion.title}: scale [{criterion.scale_min:g}, {criterion.scale_max:g}], "
            f"one point = {value_per_point(criterion):.4g} value units")
    if criterion.worst_anchor or criterion.best_anchor:
        note += (f"; worst “{criterion.worst_anchor or criterion.scale_min}”, best "
                 f"“{criterion.best_anchor or criterion.scale_max}”")
    middle = [f"{at:g}: “{text}”" for at, text in criterion.anchors
              if at not in (criterion.scale_min, criterion.scale_max)]
    return note + (f"; {', '.join(middle)}" if middle else "")
