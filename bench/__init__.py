"""Benchmarks run by hand or by CI (``python bench/connect.py``); not part of the product."""
