"""Sweeps: serial, threads and a Dask LocalCluster of two worker processes give the same figures,
and no handle outlives the sweep (counted at the C level on every process)."""

import numpy as np
import pandas as pd
import pytest

import entropyk
from cycles import heat_pump

N = 2000


def points(n=N):
    t = np.linspace(263.15, 293.15, n)
    speed = 40.0 + 20.0 * (np.arange(n) % 7) / 6.0
    return pd.DataFrame({"evaporator.secondary_inlet_temperature": t, "compressor.compressor_speed": speed})


def figures(df):
    return df.drop(columns=["solve_time"])  # wall clock: the only figure that may differ


@pytest.fixture(scope="module")
def serial():
    with heat_pump(backend="tables") as c:
        return entropyk.sweep(c, points())


def test_serial_sweep_equals_single_solves(serial, no_leak):
    assert len(serial) == N and (serial["status"] == 0).all()
    # Chunk starts are cold solves of the cycle as built: the first point equals a fresh solve.
    with heat_pump(backend="tables", outdoor=263.15) as c:
        c.set_input("compressor", "compressor_speed", 40.0)
        assert serial["COP_heating"].iloc[0] == c.solve().summary()["COP_heating"]
    assert serial["COP_heating"].is_monotonic_increasing is False  # speed varies too
    assert serial["COP_heating"].iloc[-1] > serial["COP_heating"].iloc[0]


def test_threads_equal_serial(serial, no_leak):
    with heat_pump(backend="tables") as c:
        pd.testing.assert_frame_equal(figures(entropyk.sweep(c, points(), threads=2)), figures(serial))


def test_bad_points_are_reported_per_point(no_leak):
    p = points(10)
    p.iloc[3, 0] = np.nan
    with heat_pump(backend="tables") as c:
        out = entropyk.sweep(c, p)
    assert out["status"].iloc[3] == entropyk.EntropykErrorCode.INVALID_ARGUMENT
    assert np.isnan(out["COP_heating"].iloc[3]) and (out["status"].drop(3) == 0).all()
    with pytest.raises(ValueError):
        entropyk.sweep(heat_pump(), pd.DataFrame({"speed": [1.0]}))
    # A column the C sweep refuses as a whole (no component 9) raises with the system's message.
    with heat_pump(backend="tables") as c, pytest.raises(entropyk.EntropykError) as e:
        entropyk.sweep(c, pd.DataFrame({(9, "compressor_speed"): [50.0]}))
    assert e.value.code == entropyk.EntropykErrorCode.INVALID_ARGUMENT
    assert e.value.message == "entropyk_system_sweep: components[0] = 9: the system has 4 components"


def test_dask_local_cluster_equals_serial(serial, no_leak):
    distributed = pytest.importorskip("distributed")
    # Loopback only, no dashboard, two worker processes of one thread each; closed at the end.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=40) as cluster, \
            distributed.Client(cluster, timeout=30) as client:
        with heat_pump(backend="tables") as c:
            out = entropyk.sweep(c, points(), client=client)
        pd.testing.assert_frame_equal(figures(out), figures(serial))
        # Each worker built the cycle once; releasing it leaves no live handle in any worker.
        assert set(client.run(entropyk.release_worker_cycles).values()) == {0}


def test_columns_by_tuple_and_one_thread_per_core(serial, no_leak):
    p = points().iloc[:300].copy()
    p.columns = [("evaporator", "secondary_inlet_temperature"), (0, entropyk.EntropykInput.COMPRESSOR_SPEED)]
    with heat_pump(backend="tables") as c:
        out = entropyk.sweep(c, p, threads=0, chunk=100)
        assert (out["status"] == 0).all()
        # Another chunk size walks other warm-start paths: equal to the solver tolerance, not in bits.
        ref = serial.iloc[:300]
        assert np.allclose(out["COP_heating"], ref["COP_heating"], rtol=1e-8, atol=0)


def test_dask_partitions_sized_from_the_cluster():
    # About four partitions per worker thread, never fewer than 4 chunks per partition: 100,000
    # points in chunks of 250 on 2 single-thread workers -> 8 partitions of 50 chunks.
    from entropyk.sweep import _auto_partition_chunks

    class FakeClient:
        def __init__(self, nthreads):
            self._n = nthreads

        def nthreads(self):
            return self._n

    two = FakeClient({"tcp://127.0.0.1:1": 1, "tcp://127.0.0.1:2": 1})
    assert _auto_partition_chunks(100_000, 250, two) == 50
    assert _auto_partition_chunks(100_001, 250, two) == 51  # 401 chunks over 8 partitions
    assert _auto_partition_chunks(2_000, 250, two) == 4  # small tables: the 4-chunk floor
    assert _auto_partition_chunks(1_000_000, 250, FakeClient({"a": 8, "b": 8})) == 63  # 4000 / 64
    assert _auto_partition_chunks(5_000, 100, FakeClient({})) == 13  # no worker yet: as for one
