"""Regression smoothers for the value of information: E[Y | input] from Monte-Carlo draws.

Strong, Oakley & Brennan (2014) estimate the expected value of partial perfect information
by regressing each option's value difference on the input over the draws already made.
This module holds the regressions, written for that one job (numpy only):

* :func:`spline_fit`: one continuous input, a binned cubic P-spline (Eilers & Marx 1996).
  The draws are grouped into :data:`BINS` equal-width bins of the input's range, each bin
  at the mean input value of its draws; a cubic B-spline on :data:`SEGMENTS` equal
  segments with a second-difference penalty is fitted to the bins' sums, its smoothing
  parameter chosen by generalised cross-validation (GCV).  Straight lines are never
  penalised, so a linear dependence is fitted exactly.  Binning moves no draw by more than
  a hundredth of the range, far below what the spline resolves.
* :func:`group_means`: a yes/no or level input, exact conditioning: the mean of each
  response over the draws at each value.
* :func:`linear_fit`: a group of inputs, least squares on the inputs (and, optionally,
  the products of one of them with the others), draw by draw.

Every fit is to *cells* (a bin, a value, or a single draw for a group) with a design row
per cell: with ``G = Bᵀ diag(counts) B`` and penalty ``P``, a transform ``T`` with
``TᵀGT = I`` and ``TᵀPT = diag(s)`` gives coefficients ``β = T diag(f) Tᵀ BᵀS`` (S the
cells' sums of the responses) with shrinkage ``f = 1 / (1 + λ s)``; the residual sum of
squares, the hat matrix's trace and the delta-method variance of a mean of fitted values
follow without touching the draws again.  Products over the draws use ``np.bincount`` and
``np.einsum``: a multi-threaded BLAS on a busy machine is slower, not faster, at these
shapes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

#: Equal-width bins of a continuous input's range the draws are grouped into.
BINS = 100
#: Equal segments of the spline (cubic: SEGMENTS + 3 basis functions).
SEGMENTS = 10
#: Smoothing parameters GCV chooses from (relative to the penalty's scale).
LAMBDAS = tuple(10.0 ** k for k in range(-4, 7))
#: Relative size below which a direction of the design carries no information (dropped).
RANK_TOLERANCE = 1e-10


@dataclass(frozen=True)
class Fit:
    """A fitted regression of the responses Y (draws x r) on one input or a group.

    ``fitted[cell]`` is E[Y | input] for the draws of that cell, ``counts`` the draws per
    cell and ``cells`` each draw's cell.  ``sums`` holds each cell's summed responses (for
    the residual check); ``variance_of_mean(a)`` is the regression's share of the variance
    of ``(1/n) Σ_cells a_cell · fitted_cell`` for per-cell weights a (cells x r).
    """

    fitted: FloatArray  # (cells, r)
    counts: FloatArray  # (cells,)
    sums: FloatArray  # (cells, r)
    cells: IntArray  # (draws,)
    residual_sd: FloatArray  # (r,)
    degrees_of_freedom: float  # the hat matrix's trace
    variance_of_mean: Callable[[FloatArray], float]


def _gram(x: FloatArray, y: FloatArray) -> FloatArray:
    return np.asarray(np.einsum("np,nq->pq", x, y))


def _fit_cells(design: FloatArray, counts: FloatArray, sums: FloatArray, cells: IntArray,
               squares: FloatArray, penalty: FloatArray | None) -> Fit:
    """Penalised least squares of the cells' responses on their design rows."""
    draws = float(counts.sum())
    gram = _gram(design * counts[:, None], design)
    cross = _gram(design, sums)
    transform = _whiten(gram)  # TᵀGT = I
    shrink = np.ones(transform.shape[1])
    if penalty is not None:
        stiffness, rotate = np.linalg.eigh(transform.T @ penalty @ transform)
        transform = transform @ rotate
        shrink = _gcv_shrink(np.maximum(stiffness, 0.0), transform.T @ cross,
                             float(np.trace(squares)), draws)
    coefficients = transform @ (shrink[:, None] * (transform.T @ cross))
    fitted = np.asarray(np.einsum("cp,pr->cr", design, coefficients))
    # Σ_n (y_n − f)(y_n − f)ᵀ from the cells' sums: YᵀY − SᵀF − FᵀS + Fᵀ diag(counts) F.
    cross_fit = _gram(sums, fitted)
    residual = squares - cross_fit - cross_fit.T + _gram(fitted * counts[:, None], fitted)
    dof = float(shrink.sum())
    covariance = residual / max(draws - dof, 1.0)

    def variance_of_mean(weights: FloatArray) -> float:
        # mean_n a·f is linear in c = TᵀBᵀS, whose covariance is Σ ⊗ I: the gradient is
        # h = diag(f) Tᵀ Bᵀ a / n and the variance Σ_de Σ_de h_dᵀ h_e.
        h = shrink[:, None] * (transform.T @ _gram(design, weights)) / draws
        return float(max((covariance * (h.T @ h)).sum(), 0.0))

    return Fit(fitted, counts, sums, cells, np.sqrt(np.maximum(np.diag(covariance), 0.0)),
               dof, variance_of_mean)


def _whiten(gram: FloatArray) -> FloatArray:
    """T with TᵀGT = I: the inverse transposed Cholesky factor of G, a tiny ridge keeping a
    design with dependent columns (weights that sum to one) solvable; those directions
    carry no draw's information, so the fitted values do not depend on the ridge."""
    ridge = RANK_TOLERANCE * max(float(np.trace(gram)) / gram.shape[0], 1e-300)
    factor = np.linalg.cholesky(gram + ridge * np.eye(gram.shape[0]))
    return np.asarray(np.linalg.solve(factor, np.eye(gram.shape[0])).T)


def _gcv_shrink(stiffness: FloatArray, projected: FloatArray, total_squares: float,
                draws: float) -> FloatArray:
    """The shrinkage factors of the smoothing parameter with the least GCV score."""
    positive = stiffness[stiffness > 0]
    scale = float(np.median(positive)) if positive.size else 1.0
    energy = (projected ** 2).sum(axis=1)  # per direction, summed over responses
    best: tuple[float, FloatArray] | None = None
    for lam in LAMBDAS:
        shrink = 1.0 / (1.0 + lam / scale * stiffness)
        rss = total_squares - float(((2 * shrink - shrink ** 2) * energy).sum())
        score = draws * max(rss, 0.0) / max(draws - float(shrink.sum()), 1.0) ** 2
        if best is None or score < best[0]:
            best = (score, shrink)
    assert best is not None
    return best[1]


def _cell_sums(cells: IntArray, responses: FloatArray, size: int
               ) -> tuple[FloatArray, FloatArray]:
    counts = np.bincount(cells, minlength=size).astype(np.float64)
    sums: FloatArray = np.stack([np.bincount(cells, responses[:, c], minlength=size)
                     for c in range(responses.shape[1])], axis=1)
    return counts, sums


def squares_of(responses: FloatArray) -> FloatArray:
    """YᵀY, shared by every fit of the same responses."""
    return _gram(responses, responses)


# -- one continuous input: a binned cubic P-spline -------------------------------------------

def spline_basis(x: FloatArray, low: float, high: float) -> FloatArray:
    """The cubic B-spline basis on SEGMENTS equal segments of [low, high] at the points x."""
    u = (x - low) / max(high - low, 1e-300) * SEGMENTS
    first = np.clip(np.floor(u).astype(np.intp), 0, SEGMENTS - 1)
    t = u - first
    t2, t3 = t * t, t * t * t
    rows = np.arange(x.shape[0])
    basis = np.zeros((x.shape[0], SEGMENTS + 3))
    basis[rows, first] = (1 - t) ** 3 / 6.0
    basis[rows, first + 1] = (3 * t3 - 6 * t2 + 4) / 6.0
    basis[rows, first + 2] = (-3 * t3 + 3 * t2 + 3 * t + 1) / 6.0
    basis[rows, first + 3] = t3 / 6.0
    return basis


def spline_fit(x: FloatArray, responses: FloatArray, squares: FloatArray | None = None
               ) -> Fit:
    """E[responses | x] by a binned cubic P-spline with its smoothness chosen by GCV."""
    low, high = float(x.min()), float(x.max())
    cells = np.clip(((x - low) / max(high - low, 1e-300) * BINS).astype(np.intp), 0, BINS - 1)
    counts, sums = _cell_sums(cells, responses, BINS)
    filled = counts > 0
    at = np.where(filled, np.bincount(cells, x, minlength=BINS) / np.maximum(counts, 1.0),
                  low + (np.arange(BINS) + 0.5) * (high - low) / BINS)
    difference = np.diff(np.eye(SEGMENTS + 3), n=2, axis=0)
    return _fit_cells(spline_basis(at, low, high), counts, sums, cells,
                      squares_of(responses) if squares is None else squares,
                      difference.T @ difference)


# -- a yes/no or level input: exact conditioning -------------------------------------------

def group_means(codes: IntArray, responses: FloatArray, squares: FloatArray | None = None
                ) -> Fit:
    """E[responses | input] as the mean over the draws at each of the input's values."""
    size = int(codes.max()) + 1
    counts, sums = _cell_sums(codes, responses, size)
    return _fit_cells(np.eye(size), counts, sums, codes,
                      squares_of(responses) if squares is None else squares, None)


# -- a group of inputs: least squares ---------------------------------------------------------

def linear_fit(columns: FloatArray, responses: FloatArray, scale: FloatArray | None = None,
               squares: FloatArray | None = None) -> Fit:
    """E[responses | group] as a linear function of the group's *columns* (draws x p), plus
    the products of *scale* with each column when given (a multiplier such as the risk
    aversion, which multiplies the others' effect).  Each draw is its own cell."""
    parts = [np.ones((columns.shape[0], 1)), columns]
    if scale is not None:
        parts += [scale[:, None], scale[:, None] * columns]
    design = np.concatenate(parts, axis=1)
    # Scale the columns alike so that the rank test treats every input the same.
    spread = design.std(axis=0)
    spread[0] = 1.0
    spread[spread == 0] = 1.0
    draws = columns.shape[0]
    return _fit_cells(design / spread, np.ones(draws), responses, np.arange(draws),
                      squares_of(responses) if squares is None else squares, None)
