"""Loaded by pytest before Django starts (see addopts in pyproject.toml).

Tests run with the development settings: a throwaway secret and no HTTPS redirect. Tests of
production behaviour override settings explicitly.
"""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
# Real WeasyPrint, in the test process: the child-process limits have tests of their own.
os.environ.setdefault("PDF_RENDER_IN_PROCESS", "1")
