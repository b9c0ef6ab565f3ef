"""pytest-benchmark: full and incremental parse+render and lint at 10 KB to 10 MB."""

from __future__ import annotations

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from tests.benchmarks.drafts import SIZES, draft
from tests.benchmarks.workloads import Pipeline, Typist

IDS = list(SIZES)


def _rounds(size: int) -> int:
    return 1 if size >= 10_000_000 else 3 if size >= 1_000_000 else 10


@pytest.mark.parametrize("size", SIZES.values(), ids=IDS)
def test_full_render(benchmark: BenchmarkFixture, size: int) -> None:
    text = draft(size)
    benchmark.pedantic(lambda: Pipeline().render(text), rounds=_rounds(size), iterations=1)


@pytest.mark.parametrize("size", SIZES.values(), ids=IDS)
def test_full_lint(benchmark: BenchmarkFixture, size: int) -> None:
    pipeline = Pipeline()
    parsed = pipeline.render(draft(size))
    benchmark.pedantic(lambda: pipeline.lint_cold(parsed), rounds=_rounds(size), iterations=1)


@pytest.mark.parametrize("where", ["end", "middle"])
@pytest.mark.parametrize("size", SIZES.values(), ids=IDS)
def test_keystroke_render(benchmark: BenchmarkFixture, size: int, where: str) -> None:
    pipeline, typist = Pipeline(), Typist(draft(size), where)
    pipeline.render(typist.text)
    benchmark.pedantic(lambda: pipeline.render(typist.next()), rounds=20, iterations=1, warmup_rounds=2)


@pytest.mark.parametrize("where", ["end", "middle"])
@pytest.mark.parametrize("size", SIZES.values(), ids=IDS)
def test_keystroke_lint(benchmark: BenchmarkFixture, size: int, where: str) -> None:
    pipeline, typist = Pipeline(), Typist(draft(size), where)
    pipeline.lint(pipeline.render(typist.text))

    def setup() -> tuple[tuple[object, ...], dict[str, object]]:
        return (pipeline.render(typist.next()),), {}

    benchmark.pedantic(pipeline.lint, setup=setup, rounds=10 if size < 10_000_000 else 3, iterations=1)
