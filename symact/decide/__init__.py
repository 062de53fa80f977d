"""General deciders with certified verdicts: sign, inequality, identity, limit, extremum.

Each returns a :class:`symact.verdict.Verdict`; ``proved`` only from a complete argument over the whole
domain, ``refuted`` only with a re-checked counterexample, otherwise ``unknown`` with the reason.  All take
``var`` (default the catalog's x), ``domain`` (a SymPy set: interval, union of intervals, points; default R)
where it applies, and ``budget`` (seconds, default 5):

* ``sign(expr, relation, domain)`` -- "expr REL 0 on the domain", REL in '>0', '>=0', '<0', '<=0', '==0';
* ``inequality(lhs, op, rhs, domain)`` -- op in '<=', '<', '>=', '>';
* ``identity(lhs, rhs, domain)``;
* ``limit(expr, point, direction='+-', expected=None)`` -- ``value`` is the exact limit;
* ``extremum(expr, kind, domain)`` -- kind 'sup' or 'inf'; ``value`` is an :class:`Extremum`.
"""
from symact.decide.extremum import Bound, Extremum, extremum
from symact.decide.identity import identity, inequality
from symact.decide.limit import limit
from symact.decide.sign import RELATIONS, sign

__all__ = ["sign", "RELATIONS", "inequality", "identity", "limit", "extremum", "Extremum", "Bound"]
