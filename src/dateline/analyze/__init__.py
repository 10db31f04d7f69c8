"""Analysis steps, one module each, and the default order they run in.

`default_steps()` is the one place that lists them; `Pipeline` checks the order (each
step's `requires` must be assigned by extraction or an earlier step). Steps that need a
parse require "nlp" (assigned by analyze/nlp.py); steps that do not can run with
`nlp=False`.
"""

from __future__ import annotations

from ..pipeline import Step


def default_steps(*, nlp: bool = True) -> list[Step]:
    """The analysis steps `dateline read` runs after extraction, in order.

    `nlp=False` leaves out the steps that need a spaCy model (fast metadata-only runs).
    """
    from .nlp import Parse
    from .timex import Timexes

    steps: list[Step] = []
    if not nlp:
        steps.append(Timexes())  # works without a parse (clause tense unknown)
    if nlp:
        from .entities import Entities
        from .quantities import Quantities

        steps.append(Parse())
        steps.append(Timexes())  # right after the parse: it reads clause tense from it
        steps.append(Entities())
        steps.append(Quantities())
        from .claims import Claims
        from .quotes import Quotes

        steps.append(Quotes())
        steps.append(Claims())
    from .datecheck import DateCheck

    # Last: it may re-anchor the timexes; it needs them only when the timex step runs.
    steps.append(DateCheck(after_timexes=any(s.name == "timex" for s in steps)))
    return steps
