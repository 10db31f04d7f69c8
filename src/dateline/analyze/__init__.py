"""Analysis steps, one module each, and the default order they run in.

`default_steps()` is the one place that lists them; `Pipeline` checks the order (each
step's `requires` must be assigned by extraction or an earlier step).
"""

from __future__ import annotations

from ..pipeline import Step


def default_steps(*, nlp: bool = True) -> list[Step]:
    """The analysis steps `dateline read` runs after extraction.

    `nlp=False` leaves out the steps that need a spaCy model (fast metadata-only runs).
    """
    steps: list[Step] = []
    return steps
