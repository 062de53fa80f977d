"""Shrinkage functions (soft and hard thresholding)."""
from __future__ import annotations

import sympy as sp

from symact.catalog.registry import Activation, Param, X, register

LAMBD = sp.Symbol("lambd", nonnegative=True)

softshrink = register(Activation(
    name="softshrink", aliases=("soft_shrink", "soft_threshold"), family="shrink",
    params=(Param("lambd", sp.Rational(1, 2), "nonnegative", "threshold"),),
    expr=sp.Piecewise((X + LAMBD, X < -LAMBD), (0, X <= LAMBD), (X - LAMBD, True)),
    convention="lambd = 0.5 follows PyTorch",
    description="Soft thresholding: x - lambd for x > lambd, x + lambd for x < -lambd, 0 between.",
    kink_derivatives={"torch": {-LAMBD: 0, LAMBD: 0}},
    references=("Donoho, De-noising by soft-thresholding (1995)",),
))

hardshrink = register(Activation(
    name="hardshrink", aliases=("hard_shrink", "hard_threshold"), family="shrink",
    params=(Param("lambd", sp.Rational(1, 2), "nonnegative", "threshold"),),
    expr=sp.Piecewise((X, X < -LAMBD), (0, X <= LAMBD), (X, True)),
    convention="lambd = 0.5 follows PyTorch; f(+-lambd) = 0",
    description="Hard thresholding: x for |x| > lambd, 0 otherwise (discontinuous at +-lambd).",
    kink_derivatives={"torch": {-LAMBD: 0, LAMBD: 0}},
    references=("Donoho & Johnstone, Ideal spatial adaptation by wavelet shrinkage (1994)",),
))
