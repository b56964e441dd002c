"""pik benchmarks: `make bench` (all) or `make bench BENCH=allocate`."""
