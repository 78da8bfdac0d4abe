"""The project's settings with two changes for the benchmark: a URLconf that adds one
benchmark-only page, and collected static files in a directory outside the project."""

import os

from policyhub.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
