"""Timing in turns: every figure of the bench is measured against a baseline timed in the same
loop, so a change in the machine's load (another process, a CPU-frequency step) weighs on both
alike and the ratio between them does not drift."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

WARM_UP = 3


@dataclass(frozen=True)
class Summary:
    median: float  # seconds
    p95: float
    p99: float
    count: int

    @classmethod
    def of(cls, samples: list[float]) -> Summary:
        ordered = sorted(samples)
        return cls(
            statistics.median(ordered),
            percentile(ordered, 95),
            percentile(ordered, 99),
            len(ordered),
        )

    def as_json(self) -> dict[str, float]:
        return {
            "median_ms": round(self.median * 1000, 3),
            "p95_ms": round(self.p95 * 1000, 3),
            "p99_ms": round(self.p99 * 1000, 3),
            "count": self.count,
        }


def percentile(ordered: list[float], rank: float) -> float:
    """The nearest-rank percentile of an already sorted, non-empty list."""
    return ordered[min(len(ordered) - 1, round(rank / 100 * (len(ordered) - 1)))]


@dataclass(frozen=True)
class Step:
    """What is timed, and what must happen untimed just before it (a save first reads the form
    it posts, for the lock version and the CSRF token a browser would have)."""

    run: Callable[[], object]
    prepare: Callable[[], object] | None = None


def timed_in_turns(
    *actions: Step | Callable[[], object], runs: int, warm_up: int = WARM_UP
) -> list[list[float]]:
    """Time each action in turn, ``runs`` rounds after ``warm_up`` untimed rounds: one list of
    seconds per action, in the order given."""
    steps = [action if isinstance(action, Step) else Step(action) for action in actions]
    samples: list[list[float]] = [[] for _ in steps]
    for round_number in range(warm_up + runs):
        for step, times in zip(steps, samples, strict=True):
            if step.prepare is not None:
                step.prepare()
            start = time.perf_counter()
            step.run()
            if round_number >= warm_up:
                times.append(time.perf_counter() - start)
    return samples
