"""What each property key of :mod:`symact.properties` means (kept free of imports: ``--help`` reads it)."""

#: key -> what the property means, one sentence (``symact analyze --help`` and the README show these)
DEFINITIONS: dict[str, str] = {
    "range": "the image f(R) = {f(x) : x real} with exact ends, each end closed when attained (for a "
             "discontinuous f: the image itself when every piece is affine, else the smallest interval around it)",
    "bounded_above": "f(x) <= M for one number M and every real x",
    "bounded_below": "f(x) >= m for one number m and every real x",
    "monotonic": "non-decreasing (x <= y implies f(x) <= f(y)) or non-increasing on all of R; strictly when "
                 "x < y implies f(x) < f(y) (resp. >)",
    "convex": "f(t a + (1-t) b) <= t f(a) + (1-t) f(b) for all a, b and t in [0, 1] (the U shape); when f is "
              "neither convex nor concave, where its curvature changes sign",
    "concave": "f(t a + (1-t) b) >= t f(a) + (1-t) f(b) for all a, b and t in [0, 1] (the cap shape)",
    "continuity": "the smoothness class: discontinuous, C0 (continuous), C1, ..., C∞ (k times continuously "
                  "differentiable on R)",
    "differentiable": "f'(x) exists at every real x; otherwise the points where it does not",
    "derivative_max": "sup f'(x) over the x where f is differentiable, and where it is attained",
    "derivative_min": "inf f'(x) over the x where f is differentiable, and where it is attained",
    "lipschitz": "the best L with |f(x) - f(y)| <= L |x - y| for all real x, y (sup |f'|; ∞ when none exists)",
    "saturation": "on each side: hard (f' = 0 beyond some point), soft (f' -> 0 but f' != 0 there) or none",
    "non_saturating": "|f(x)| -> ∞ as x -> -∞ or as x -> +∞",
    "zero_at_origin": "f(0) = 0",
    "odd": "f(-x) = -f(x) for every real x (point symmetry about the origin)",
    "range_has_both_signs": "f(x) < 0 for some x and f(y) > 0 for some y (it says nothing about the mean "
                            "output: silu and gelu have it)",
    "identity_near_origin": "f(0) = 0, f is differentiable at 0 and f'(0) = 1, so f(x) = x + o(x) as x -> 0",
    "extrema": "the global minimum and maximum of f on R and where they are attained (none when not attained)",
}
#: why there is no ``zero_centered`` key
ZERO_CENTERED_NOTE = ("there is no zero_centered: in the ML literature it means outputs with mean near zero, which "
                      "depends on the inputs, not on f alone; zero_at_origin, odd and range_has_both_signs are the "
                      "decidable parts")
