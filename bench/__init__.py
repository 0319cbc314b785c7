"""Benchmarks of the monitor against simweb and its peers; see bench/README.md."""
