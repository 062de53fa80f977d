"""The fields every claim read straight into kernel JSON shares (matrices of any size, real arithmetic, axioms,
convexity in several variables): what the commands read of a claim besides its own statement."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, kw_only=True)
class StatedClaim:
    """A claim's text, the kernel's JSON of it (``data``), its relation, its quantified parameters (none unless a
    subclass has them) and no limit (the claim is not ``limit(...) REL ...``)."""

    text: str
    data: Any = field(compare=False)
    op: str
    params: tuple = ()
    limit: None = None

    @property
    def body(self) -> str:
        return self.text
