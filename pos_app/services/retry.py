"""How long to wait before trying a link again (the registry's sync, the e-invoice gateway):
exponential in the failures so far, capped, with jitter so that tills do not retry in step."""

from __future__ import annotations

import random


def backoff_delay(failures: int, base: float, cap: float, rng: random.Random) -> float:
    """Seconds after ``failures`` failures in a row: between half and all of
    ``min(cap, base * 2**(failures-1))``."""
    step = min(cap, base * (2 ** max(0, failures - 1)))
    return rng.uniform(step / 2, step)
