"""The sensitivity JSON contract, beside the other versioned JSON contracts in ``report``.

``crossroads.sensitivity/2`` (documented in docs/reference and docs/explanation/robustness):
version 2 adds ``recommendation`` (modal option, close call), ``robustness`` (ICD 203
likelihood words), ``confidence`` as an object (the ICD 203 judgement and its inputs),
``sources`` (each source of uncertainty, whether it used defaults, its variance share),
``judgement_factors``, ``stated_only`` (the same draws without default ranges) and
``precision``.  Version 1's ``confidence`` (a label from the first-place share) and
``likelihood_words`` are gone: the former mixed probability into confidence.

``crossroads.sensitivity/3`` (issue 18): ``judgement_factors`` now lists the judged factors
varied as the scenario states (a range or ``p_wrong``), no longer those moved on a
default; ``held_factors`` lists the measured and judged factors held for want of a stated
doubt; ``consistency`` says how many draws were drawn again to respect the constraints;
``key_assumptions`` lists the recommendation's linchpins (the key assumptions check).
``value_of_information`` (issue 24, in the same unreleased version 3) gives the EVPI and
each input's and group's EVPPI (see :mod:`crossroads.robustness.voi`).
"""

from __future__ import annotations

from typing import Any

from crossroads.report import key_assumptions
from crossroads.robustness.precision import interval
from crossroads.robustness.recommendation import Recommendation
from crossroads.robustness.result import PRECISION, Sensitivity
from crossroads.robustness.voi_result import voi_dict

SCHEMA = "crossroads.sensitivity/3"


def recommendation_dict(rec: Recommendation | None) -> dict[str, Any] | None:
    if rec is None:
        return None
    return {"recommended": rec.modal, "first_share": rec.modal_share,
            "base_case_leader": rec.base_leader, "base_case_leader_first_share": rec.base_share,
            "close_call": rec.close_call, "close_call_with": rec.other,
            "close_call_with_first_share": rec.other_share if rec.other else None,
            "close_call_also": [{"option": o, "first_share": share} for o, share in rec.also],
            "stated_only_leader": rec.stated_leader,
            "stated_only_leader_first_share": rec.stated_share if rec.stated_leader else None,
            "differs_by_defaults_of": list(rec.defaults)}


def as_dict(result: Sensitivity) -> dict[str, Any]:
    """The JSON contract ``crossroads.sensitivity/3``."""
    judgement = result.judgement
    return {
        "schema": SCHEMA,
        "scenario": result.scenario,
        "pack": {"id": result.pack, "version": result.pack_version},
        "draws": result.draws,
        "seed": result.seed,
        "vary": {s.source: s.included for s in result.sources},
        "weight_model": result.weight_model,
        "concentration": result.concentration,
        "recommendation": recommendation_dict(result.recommendation),
        "leader": result.leader,
        "first_rank_acceptability": result.first_rank_acceptability,
        "tied_first": result.tied_first,
        "robustness": {"words": result.robustness, "probability": result.support,
                       "option": result.recommended},
        "confidence": None if judgement is None else {
            "level": judgement.level,
            "inputs": [{"name": i.name, "grade": i.grade, "detail": i.detail}
                       for i in judgement.inputs],
            "deciding_judgement_factors": list(judgement.deciding_judgements)},
        "precision": {"standard_error": result.standard_error, "target": PRECISION,
                      "sufficient": result.precise,
                      "interval": list(interval(result.support, result.draws))},
        "sources": [
            {"source": s.source, "included": s.included, "uses_defaults": s.uses_defaults,
             "margin_variance": s.variance, "variance_share": s.share}
            for s in result.sources],
        "judgement_factors": list(result.judgement_factors),
        "held_factors": list(result.held_factors),
        "key_assumptions": key_assumptions.as_data(result.key_assumptions),
        "consistency": None if result.consistency is None else {
            "redrawn_share": result.consistency.redrawn,
            "fallback_share": result.consistency.fallback,
            "enforced": list(result.consistency.enforced),
            "not_enforced": list(result.consistency.not_enforced)},
        "stated_only": {
            "first_share": result.stated_only,
            "recommendation": recommendation_dict(result.stated_recommendation)},
        "base_weights": result.base_weights,
        "options": [
            {"id": o, "title": result.titles[o], "base_score": result.base_scores[o],
             "mean_score": result.mean_scores[o], "rank_acceptability": result.acceptability[o],
             "wins_against": result.pairwise_wins[o]}
            for o in result.options],
        "uncertain_factors": list(result.uncertain_factors),
        "one_way": [
            {"factor": d.factor, "label": d.label, "kind": d.kind, "base": d.base,
             "low": d.low, "high": d.high, "margin_low": d.margin_low,
             "margin_high": d.margin_high, "swing": d.swing, "break_even": d.break_even,
             "last_held": d.last_held, "new_leader": d.new_leader}
            for d in result.one_way],
        "weight_stability": [
            {"criterion": w.criterion, "title": w.title, "weight": w.weight,
             "lower": w.lower, "upper": w.upper, "leader_below": w.below,
             "leader_above": w.above}
            for w in result.weight_intervals],
        "value_of_information": voi_dict(result.value_of_information),
        "engine_seconds": result.engine_seconds,
        "notes": list(result.notes),
    }
