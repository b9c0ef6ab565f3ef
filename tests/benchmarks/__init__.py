"""Performance benchmarks: not part of the default test run (``make bench``)."""
