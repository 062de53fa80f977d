"""Convexity in several variables of a convex function of an affine map: the rule ``affine-composition``.

The claim's JSON is ``{"several": {"vars": [v_1, ..., v_k], "map": {v_1: C_1, ..., v_k: C_k, "1": C_0},
"outer": F, "sense": "convex" or "concave", "param": {"name": y, "domain": [one piece A], "text": ...}}}``
("param" optional): for every real x (and every y in A) the function g(v) = F(A(v)) with
A(v) = C_1 v_1 + ... + C_k v_k + C_0 is convex (concave) on all of R^k.  F is a kernel term in x (the
parameter y may occur in it); each C_i is a *polynomial* in x (a term built from rationals and x by +, * and
powers with natural exponents), so a real number at every real x, whatever x is.

**Proof** ``{"rule": "affine-composition", "certificate": C}``: C is a kernel certificate that proves the
convexity claim ``F is convex (concave) on (-oo, oo)`` (:mod:`symact.kernel.convex_claim`; F defined and convex
on all of R), or, with a parameter, the quantified claim ``forall y in A: F is convex on (-oo, oo)``
(:mod:`symact.kernel.quantified`).  Then, x and y fixed, A is affine with real coefficients, so for points P, Q
of R^k and t in [0, 1], A(t P + (1 - t) Q) = t A(P) + (1 - t) A(Q), and

    g(t P + (1 - t) Q) = F(t A(P) + (1 - t) A(Q)) <= t F(A(P)) + (1 - t) F(A(Q)) = t g(P) + (1 - t) g(Q)

(>= for concave): g is convex (concave) on R^k.  Nothing refutes such a claim here (no counterexample rule).
"""
from __future__ import annotations

from symact.kernel.pieces import Rejected, read_piece
from symact.kernel.terms import from_json, has_param, polynomial

KEYS = {"vars", "map", "outer", "sense", "param"}
REAL_LINE = ["-oo", "oo", False, False]


def check_affine_convex(claim: dict, verdict: str, proof, check) -> list[str]:
    """The steps checked, or Rejected; ``check`` is the whole kernel's
    check of a certificate (for the convexity of F)."""
    c = claim.get("several")
    if not isinstance(c, dict) or not set(c) <= KEYS or c.get("sense") not in ("convex", "concave"):
        raise Rejected("malformed claim of convexity in several variables")
    names, param = c.get("vars"), c.get("param")
    pname = param.get("name") if isinstance(param, dict) else None
    if not (isinstance(names, list) and names and all(isinstance(n, str) and n.isidentifier() for n in names)
            and len(set(names)) == len(names) and "x" not in names and pname not in names):
        raise Rejected("the variables are distinct names other than x and the parameter")
    if not isinstance(c.get("map"), dict) or set(c["map"]) != {*names, "1"}:
        raise Rejected("the affine map gives a coefficient for each variable and a constant '1'")
    coefficients, outer = [from_json(v) for v in c["map"].values()], from_json(c["outer"])  # else Rejected by check
    if not all(polynomial(t) for t in coefficients):
        raise Rejected("a coefficient of the affine map is not a polynomial in x")
    if verdict != "proved" or not isinstance(proof, dict) or proof.get("rule") != "affine-composition":
        raise Rejected("convexity in several variables is proved by an affine-composition node")
    cert = proof.get("certificate")
    got = cert.get("claim") if isinstance(cert, dict) else None
    if param is None and has_param(outer):
        raise Rejected("a quantified parameter occurs outside a forall claim")
    if param is not None:
        if not (isinstance(pname, str) and pname.isidentifier() and pname != "x"
                and isinstance(param.get("domain"), list) and len(param["domain"]) == 1):
            raise Rejected("the parameter is a name other than x with a domain of one piece")
        if not (isinstance(got, dict) and got.get("forall") == pname and isinstance(got.get("domain"), list)
                and [read_piece(p) for p in got["domain"]] == [read_piece(param["domain"][0])]):
            raise Rejected(f"the certificate is not about every {pname} in the parameter's domain")
        got = got.get("claim")
    if not (isinstance(got, dict) and set(got) == {"var", "convex", "sense", "domain"} and got["var"] == "x"
            and got["sense"] == c["sense"] and from_json(got["convex"]) == outer
            and [read_piece(p) for p in got["domain"]] == [read_piece(REAL_LINE)]):
        raise Rejected(f"the certificate is not the claim that F is {c['sense']} on (-oo, oo)")
    inner_verdict, steps = check(cert)
    if inner_verdict != "proved":
        raise Rejected(f"the certificate does not prove F {c['sense']} on (-oo, oo)")
    over = f" for every {pname} in the domain" if param is not None else ""
    return [f"F, the function of A = {' + '.join(f'c_{n} {n}' for n in names)} + c_1 (the coefficients "
            f"polynomials in x, so real at every x), is {c['sense']} on (-oo, oo){over}:", *steps,
            f"An affine map keeps convex combinations and F is {c['sense']} on all of R, so (" + ", ".join(names)
            + f") -> F(A) is {c['sense']} on R^{len(names)} for every real x{over} (rule affine-composition)."]

