"""Benchmarks of PolicyHub's public pages; see public_pages.py."""
