"""Small-cell suppression: when a figure would let a viewer single out another company.

Official statistics publish a cell only when at least k units stand behind it (the threshold
rule of statistical disclosure control; Ley del SNIEG art. 37 makes the data INEGI collects
confidential, and k = 3 is the usual minimum, as in the readiness programme report). A
viewer's own companies are no secret to the viewer, so only the *other* companies in a cell
count: a cell made only of the viewer's own records is shown, a cell with one or two other
companies is hidden (subtracting their own figures would reveal the others'), and an empty
cell discloses nobody.
"""

from __future__ import annotations

DEFAULT_MIN_CELL = 3


def is_disclosive(others: int, min_cell: int = DEFAULT_MIN_CELL) -> bool:
    """True when a cell describes at least one, but fewer than ``min_cell``, other companies."""
    if min_cell < 1:
        raise ValueError(f"min_cell must be at least 1, got {min_cell}")
    if others < 0:
        raise ValueError(f"a cell can not describe {others} companies")
    return 0 < others < min_cell
