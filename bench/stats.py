"""Figures of a list of timed requests: percentiles, status counts and errors."""

import math
from dataclasses import dataclass

from bench.openloop import Sample


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile of `values` (0 when there are none)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class Summary:
    label: str
    requests: int
    seconds: float  # from the first scheduled request to the last
    errors: int  # answers other than the expected status, and requests without an answer
    server_errors: int  # 5xx
    no_answer: int  # connection errors and timeouts
    ttfb_p50: float  # milliseconds, from the scheduled time
    ttfb_p95: float
    ttfb_p99: float
    ttfb_max: float
    total_p95: float  # to the end of the body
    lag_p99: float  # how late the generator sent requests
    error_kinds: dict[str, int]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def error_rate(self) -> float:
        return self.errors / self.requests if self.requests else 0.0


def summarise(label: str, samples: list[Sample], seconds: float | None = None) -> Summary:
    ttfb = [s.ttfb * 1000 for s in samples]
    kinds: dict[str, int] = {}
    for s in samples:
        if s.error:
            kinds[s.error] = kinds.get(s.error, 0) + 1
    span = max((s.at for s in samples), default=0) - min((s.at for s in samples), default=0)
    return Summary(
        label=label,
        requests=len(samples),
        seconds=seconds if seconds is not None else span,
        errors=sum(1 for s in samples if s.error),
        server_errors=sum(1 for s in samples if s.status >= 500),
        no_answer=sum(1 for s in samples if s.status == 0),
        ttfb_p50=percentile(ttfb, 50),
        ttfb_p95=percentile(ttfb, 95),
        ttfb_p99=percentile(ttfb, 99),
        ttfb_max=max(ttfb, default=0.0),
        total_p95=percentile([s.total * 1000 for s in samples], 95),
        lag_p99=percentile([s.lag * 1000 for s in samples], 99),
        error_kinds=kinds,
    )


def by_kind(samples: list[Sample], seconds: float) -> list[Summary]:
    """One summary per kind of request, in order of first appearance, then all of them."""
    kinds = list(dict.fromkeys(s.kind for s in samples))
    rows = [summarise(k, [s for s in samples if s.kind == k], seconds) for k in kinds]
    return [*rows, summarise("all", samples, seconds)]


def windows(samples: list[Sample], width: float) -> list[Summary]:
    """One summary per `width` seconds of scheduled time: whether the figures drift."""
    if not samples:
        return []
    count = math.ceil((max(s.at for s in samples) + 1e-9) / width)
    return [
        summarise(
            f"{i * width:g}–{(i + 1) * width:g} s",
            [s for s in samples if i * width <= s.at < (i + 1) * width],
            width,
        )
        for i in range(count)
    ]
