"""What is worth finding out before deciding: the value of information of each input.

From the robustness draws (scores V_nd of option d in draw n, and the inputs behind them):

* **EVPI**, the expected value of perfect information, ``mean_n max_d V_nd − max_d mean_n
  V_nd``: what knowing every uncertain input before deciding would add, on average, to
  choosing now the option best on expected value (d*).  Its standard error is that of a
  mean of the per-draw gains ``max_d V_nd − V_nd*``.
* **EVPPI** of one input θ (or a group), by the regression method of Strong, Oakley &
  Brennan (2014, Medical Decision Making 34(3):311–326): regress each option's difference
  from d*, ``V_d − V_d*``, on θ over the same draws (a P-spline for a continuous input,
  the mean at each value for a yes/no or level input, least squares for a group; see
  :mod:`crossroads.robustness.smoother`), giving ĝ_d(θ); then ``EVPPI = mean_n max_d
  ĝ_d(θ_n) − max_d mean_n ĝ_d(θ_n)``.  The draws where some ĝ_d(θ_n) > 0 are those in which
  learning θ would change the decision: their share, the option most often switched to and
  the mean gain there are what an analyst reads.

The standard error of an EVPPI adds the spread of the per-draw gains (which θ the draws
happened to hit) and, by the delta method, the regression's own noise.  True EVPPI never
exceeds EVPI; an estimate above it is smoother noise and is capped (with a note).  The fit
is checked as the method asks: residuals must average zero, and within each tenth of the
input (or of the fitted gain, for a group) too; an input whose residuals do not is named.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np

from crossroads.core.values import VALUE_SWING
from crossroads.robustness.assumptions import Linchpin
from crossroads.robustness.breakeven import OneWay
from crossroads.robustness.smoother import (
    BINS,
    Fit,
    FloatArray,
    IntArray,
    group_means,
    linear_fit,
    spline_fit,
    squares_of,
)
from crossroads.robustness.voi_inputs import (
    Drawn,
    UncertainInput,
    input_groups,
    uncertain_inputs,
)
from crossroads.robustness.voi_result import (
    NEGLIGIBLE_SHARE,
    SIGNIFICANCE,
    InputValue,
    NotValued,
    ValueOfInformation,
)

#: Bins of the residual check (tenths of the input's draws).
CHECK_BINS = 10
#: A binned residual mean this many standard errors from zero is reported as a misfit
#: (about 100 means are tested per input, so an honest fit stays under it).
MISFIT_Z = 4.5
#: Bins with fewer draws than this are not checked (their means are too noisy).
MIN_BIN = 30


def decision_now(scores: FloatArray, order: Sequence[int]) -> int:
    """The option best on expected value (ties: the first in *order*)."""
    means = scores.mean(axis=0)
    return max(order, key=lambda o: (means[o], -list(order).index(o)))


def value_of_information(
    scores: FloatArray,
    option_ids: Sequence[str],
    inputs: Sequence[UncertainInput],
    groups: Sequence[UncertainInput] = (),
    *,
    order: Sequence[int] | None = None,
    swing: float = VALUE_SWING,
) -> ValueOfInformation:
    """EVPI of the decision and the EVPPI of each input and group, largest first.

    *scores* is (draws, options) in *option_ids* order; each input's ``values`` are over
    the same draws.  *order* (option indices) breaks ties for the best option now.
    """
    started = time.perf_counter()
    draws, options = scores.shape
    best = decision_now(scores, order if order is not None else range(options))
    others = [o for o in range(options) if o != best]
    differences = scores[:, others] - scores[:, [best]]  # (draws, options - 1)
    gains = np.maximum(differences.max(axis=1), 0.0) if others else np.zeros(draws)
    evpi = float(gains.mean())
    evpi_se = float(gains.std(ddof=1) / np.sqrt(draws)) if draws > 1 else 0.0
    labels = [option_ids[o] for o in others]
    notes: list[str] = []
    squares = squares_of(differences)
    values = [_evppi(i, differences, squares, labels, evpi, swing) for i in inputs
              ] if others else []
    grouped = [_evppi(g, differences, squares, labels, evpi, swing) for g in groups
               ] if others else []
    ranked = tuple(sorted(values, key=lambda v: -v.evppi))
    ranked_groups = tuple(sorted(grouped, key=lambda v: -v.evppi))
    notes += _fit_notes([*ranked, *ranked_groups], evpi)
    return ValueOfInformation(
        draws=draws, decision=option_ids[best], evpi=evpi, evpi_standard_error=evpi_se,
        evpi_share=evpi / swing, swing=swing, inputs=ranked, groups=ranked_groups,
        notes=tuple(notes), seconds=time.perf_counter() - started)


def drawn_value_of_information(drawn: Drawn, scores: FloatArray, option_ids: Sequence[str],
                               order: Sequence[int]) -> ValueOfInformation:
    """The value of information of every input a run drew, from its first scored draws."""
    inputs = uncertain_inputs(drawn.head(scores.shape[0]))
    return value_of_information(scores, option_ids, inputs, input_groups(inputs), order=order)


def with_not_valued(voi: ValueOfInformation, one_way: Iterable[OneWay],
                    held: Iterable[str], linchpins: Iterable[Linchpin] = ()
                    ) -> ValueOfInformation:
    """*voi* naming the *held* factors (stated without doubt, so never drawn and never
    valued) that decide: a linchpin of the key assumptions check (moving it changes the
    recommended option) or a factor whose one-way analysis changes the base-case leader.
    A report must not say nothing decides when something it holds fixed would."""
    fixed = set(held)
    found: dict[str, NotValued] = {}
    for pin in linchpins:
        if pin.kind in ("fact", "judgement") and pin.subject in fixed:
            found.setdefault(pin.subject, NotValued(pin.subject, pin.label, pin.new_leader))
    for w in one_way:
        if w.factor in fixed and w.new_leader is not None:
            found.setdefault(w.factor, NotValued(w.factor, w.label, w.new_leader))
    return replace(voi, not_valued=tuple(found.values()))


def who_judges_value(views: Sequence[tuple[str, float, FloatArray]],
                     option_ids: Sequence[str], order: Sequence[int]
                     ) -> tuple[ValueOfInformation, dict[str, str]]:
    """The value of knowing which analyst's view is right, a panel's "who judges".

    *views* holds each analyst's name, vote share and scores (their own view's draws,
    options in *option_ids* order).  The draws are pooled in proportion to the votes (the
    votes are the prior that each view is right) and the analyst is a discrete input,
    conditioned on exactly.  Also returns the option best on average under each view.
    """
    pooled = min(scores.shape[0] / share for _, share, scores in views if share > 0)
    kept = [scores[:max(1, int(pooled * share))] for _, share, scores in views]
    scores = np.concatenate(kept)
    analyst = np.concatenate([np.full(k.shape[0], float(i)) for i, k in enumerate(kept)])
    who = UncertainInput(
        "panel:who-judges", "Which analyst's view is right", "panel",
        "compare the analysts' reasoning and evidence where their views part",
        analyst, discrete=True)
    leaders = {name: option_ids[decision_now(k, order)]
               for (name, _, _), k in zip(views, kept, strict=True)}
    return value_of_information(scores, option_ids, [who], order=order), leaders


def _fit(item: UncertainInput, differences: FloatArray, squares: FloatArray
         ) -> tuple[Fit, str, IntArray | None]:
    """The regression suited to the input, its name, and each cell's bin of the residual
    check (None: exact conditioning, residuals are zero at every value)."""
    if item.values.ndim == 2:
        fit = linear_fit(item.values, differences, item.scale, squares)
        return fit, "linear", _tenths(fit.fitted.max(axis=1))
    if item.discrete:
        _, codes = np.unique(item.values, return_inverse=True)
        return group_means(codes.astype(np.intp), differences, squares), "group means", None
    fit = spline_fit(item.values, differences, squares)
    return fit, "P-spline", np.arange(BINS) * CHECK_BINS // BINS


def _tenths(x: FloatArray) -> IntArray:
    """Each value's tenth of the range of x (equal widths: no sorting)."""
    low, high = float(x.min()), float(x.max())
    scaled = (x - low) / max(high - low, 1e-300) * CHECK_BINS
    return np.clip(scaled.astype(np.intp), 0, CHECK_BINS - 1)


def _evppi(item: UncertainInput, differences: FloatArray, squares: FloatArray,
           labels: list[str], evpi: float, swing: float) -> InputValue:
    fit, method, check = _fit(item, differences, squares)
    fitted, counts = fit.fitted, fit.counts  # per cell (a bin, a value or a draw)
    draws = float(counts.sum())
    top = fitted.max(axis=1)
    changed = top > 0.0
    gains = np.where(changed, top, 0.0)
    mean_gain = float((counts * gains).sum()) / draws
    raw = mean_gain - max(float((counts @ fitted).max()) / draws, 0.0)
    winner = fitted.argmax(axis=1)
    chosen = np.zeros_like(fitted)  # d(EVPPI)/d(fitted): the draws where d is chosen instead
    chosen[np.nonzero(changed)[0], winner[changed]] = counts[changed]
    spread = float((counts * (gains - mean_gain) ** 2).sum()) / draws
    error = float(np.sqrt(spread / draws + fit.variance_of_mean(chosen)))
    value = min(max(raw, 0.0), evpi)
    chance = float(counts[changed].sum()) / draws
    switch = None
    if changed.any():
        votes = np.bincount(winner[changed], counts[changed], minlength=len(labels))
        switch = labels[int(votes.argmax())]
    negligible = value < NEGLIGIBLE_SHARE * swing or value < SIGNIFICANCE * error
    return InputValue(
        id=item.id, label=item.label, source=item.source, indicator=item.indicator,
        evppi=value, standard_error=error, share=value / swing, change_chance=chance,
        switch_to=switch, gain_if_changed=value / chance if chance > 0 else 0.0,
        negligible=negligible, method=method, residual_z=_residual_z(fit, check),
        members=item.members)


def _residual_z(fit: Fit, check: IntArray | None) -> float:
    """The largest |mean residual| / its standard error, overall and within each tenth."""
    residual = fit.sums - fit.counts[:, None] * fit.fitted  # each cell's summed residuals
    safe = np.where(fit.residual_sd > 0, fit.residual_sd, 1.0)
    draws = float(fit.counts.sum())
    worst = float(np.abs(residual.sum(axis=0) / (safe * np.sqrt(draws))).max())
    if check is None:
        return worst
    counts = np.bincount(check, fit.counts, minlength=CHECK_BINS)
    filled = counts >= MIN_BIN
    for column in range(residual.shape[1]):
        sums = np.bincount(check, residual[:, column], minlength=CHECK_BINS)
        z = sums[filled] / (safe[column] * np.sqrt(counts[filled]))
        worst = max(worst, float(np.abs(z).max(initial=0.0)))
    return worst


def _fit_notes(values: list[InputValue], evpi: float) -> list[str]:
    notes = []
    misfits = [v for v in values if v.residual_z > MISFIT_Z]
    if misfits:
        notes.append("value of information: the residuals of "
                     + ", ".join(f"{v.label} (|z| {v.residual_z:.1f})" for v in misfits)
                     + " do not average zero across the input's range; the regression may "
                       "miss part of its effect, so its value may be understated")
    else:
        worst = max((v.residual_z for v in values), default=0.0)
        notes.append(f"value of information: every regression's residuals average zero "
                     f"overall and within each tenth of its input's range (largest |z| "
                     f"{worst:.1f}), as the regression method requires")
    if any(v.evppi >= evpi and v.evppi > 0 for v in values):
        notes.append("value of information: an estimate reached the EVPI, which no input can "
                     "exceed; it is shown capped at the EVPI")
    if any(v.members for v in values):
        notes.append("value of information: groups are fitted linearly in their inputs (the "
                     "risk parameters with their products with the risk aversion); effects "
                     "that only show in other interactions within a group are not counted")
    return notes
