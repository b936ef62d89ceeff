#!/usr/bin/python3
"""Sweep throughput: local threads (entropyk_system_sweep) against a Dask LocalCluster of worker
processes (entropyk.sweep with a client: map_partitions, one system per worker), on the heat pump of
tests/python/cycles.py with the tables backend. Prints one line per configuration and the Dask
overhead against local threads with the same number of cores. docs/scaling.md quotes its output.

    PYTHONPATH=build/release/python /usr/bin/python3 benchmarks/python/sweep_dask.py [points] [repeats] [partition_chunks]

partition_chunks defaults to entropyk.sweep's own choice (about four partitions per worker).
"""

import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "python"))
import entropyk  # noqa: E402
from cycles import heat_pump  # noqa: E402
from entropyk.sweep import DEFAULT_CHUNK  # noqa: E402


def grid(n):
    """n operating points: outdoor air -15..+15 C (fast axis) x compressor speed 30..70 Hz."""
    per_row = 100
    rows = -(-n // per_row)
    t = np.tile(np.linspace(258.15, 288.15, per_row), rows)[:n]
    speed = np.repeat(np.linspace(30.0, 70.0, rows), per_row)[:n]
    return pd.DataFrame({"evaporator.secondary_inlet_temperature": t, "compressor.compressor_speed": speed})


def best(fn, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    pc = int(sys.argv[3]) if len(sys.argv) > 3 else None
    points = grid(n)
    cycle = heat_pump(backend="tables")
    entropyk.sweep(cycle, points.iloc[:500])  # builds the property tables once, outside the timing
    print(f"{n} points, heat pump on tables, chunk {DEFAULT_CHUNK} points, partition_chunks {pc or 'auto'}, "
          f"best of {repeats}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    local = {}
    for threads in (1, 2):
        dt, ref = best(lambda: entropyk.sweep(cycle, points, threads=threads), repeats)
        local[threads] = dt
        ok = int((ref["status"] == 0).sum())
        print(f"local threads={threads}: {dt:7.3f} s  {n / dt:9.0f} solves/s  ({ok} converged)")
    from distributed import Client, LocalCluster
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None, silence_logs=40) as cluster, Client(cluster) as client:
            entropyk.sweep(cycle, points.iloc[:2000], client=client)  # workers import, build tables
            dt, out = best(lambda: entropyk.sweep(cycle, points, client=client, partition_chunks=pc), repeats)
            same = out.drop(columns="solve_time").equals(ref.drop(columns="solve_time"))
            print(f"dask workers={workers}:   {dt:7.3f} s  {n / dt:9.0f} solves/s  "
                  f"overhead vs {workers} local thread(s) {100 * (dt / local[workers] - 1):+.0f} %  "
                  f"(identical figures: {same})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
