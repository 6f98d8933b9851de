"""
Synthetic briefs for benchmarks and tests.

Nothing here serves a request: `generate_corpus` and the tests import it to
fill a database with many realistic, deterministic briefs.
"""
