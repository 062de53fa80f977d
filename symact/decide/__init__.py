"""General deciders with certified verdicts: sign, inequality, identity, limit, extremum.

Each returns a :class:`symact.verdict.Verdict`; ``proved`` only from a complete argument over the whole
domain, ``refuted`` only with a re-checked counterexample, otherwise ``unknown`` with the reason.
"""
from symact.decide.extremum import Bound, Extremum, extremum
from symact.decide.identity import identity, inequality
from symact.decide.limit import limit
from symact.decide.sign import RELATIONS, sign

__all__ = ["sign", "RELATIONS", "inequality", "identity", "limit", "extremum", "Extremum", "Bound"]
