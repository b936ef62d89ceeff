"""Parameter sweeps: one cycle at many operating points, serially, on local threads (the C sweep,
entropyk_system_sweep) or on a Dask distributed cluster (map_partitions, one system per worker
process). Dask is the scheduler; this module only cuts the table and calls the C sweep.

Every engine gives the same numbers: the points are cut into chunks of `chunk` consecutive rows;
each chunk starts from the cycle as built (rebuilt from its recipe, so the caller's last solution
plays no part) and warm-starts each point from the previous one. The figures therefore depend on
`chunk`, never on threads, workers or partitions (partitions are whole numbers of chunks)."""

import ctypes
import json
import uuid

import numpy as np

from . import _capi
from ._lib import lib, live_handles
from .cycle import SUMMARY_FIELDS, Cycle, _input, fallback_config
from .errors import EntropykError

DEFAULT_CHUNK = 250


def _columns(cycle: Cycle, columns):
    """DataFrame columns -> (component indices, EntropykInput values). A column is named
    "<component>.<input>" (e.g. "condenser.secondary_inlet_temperature") or is a tuple
    (component name or index, input)."""
    comps, kinds = [], []
    for col in columns:
        if isinstance(col, tuple):
            comp, which = col
        else:
            comp, _, which = str(col).rpartition(".")
            if not comp:
                raise ValueError(f"column {col!r}: expected '<component>.<input>'")
        comps.append(cycle.index(comp if not str(comp).isdigit() else int(comp)))
        kinds.append(int(_input(which)))
    return np.asarray(comps, dtype=np.uint32), np.asarray(kinds, dtype=np.int32)


def _run(system, components, inputs, values, chunk, threads, settings):
    """One call of entropyk_system_sweep over a block of rows; returns a dict of columns."""
    n, cols = values.shape
    if n == 0:
        return {f: np.empty(0) for f in SUMMARY_FIELDS}
    out = (_capi.EntropykCycleSummary * n)()
    out[0].struct_size = ctypes.sizeof(_capi.EntropykCycleSummary)
    cfg = fallback_config(**settings)
    sw = _capi.EntropykSweepConfig.init()
    sw.threads = int(threads)
    sw.chunk_points = int(chunk)
    values = np.ascontiguousarray(values, dtype=np.float64)
    table = np.ctypeslib.as_array(out)  # a structured view of the C array, no copy
    table["status"] = -1  # no C code is negative: still -1 after the call means "refused, nothing written"
    code = lib.entropyk_system_sweep(system._h, ctypes.byref(cfg), ctypes.byref(sw), n, cols,
                                     components.ctypes.data_as(ctypes.POINTER(ctypes.c_uint32)),
                                     inputs.ctypes.data_as(ctypes.POINTER(ctypes.c_int32)),
                                     values.ctypes.data_as(ctypes.POINTER(ctypes.c_double)), out)
    if code != 0 and table["status"][0] == -1:
        from ._lib import check
        check(code, "system", system._h)
    return {f: np.array(table[f]) for f in SUMMARY_FIELDS}


def _frame(cols, index):
    """The summaries as a DataFrame; a superheat or subcooling the cycle does not have (no
    evaporator outlet superheat, a transcritical high side: *_available == 0) is NaN, not the C
    struct's placeholder 0.0."""
    import pandas as pd
    df = pd.DataFrame(cols, index=index, columns=list(SUMMARY_FIELDS))
    for k in ("superheat", "subcooling"):
        df[k] = df[k].where(df[f"{k}_available"] != 0, np.nan)
    return df


# ---- Dask: one finalized system per worker process, keyed by the cycle's recipe -----------------
_WORKER_CYCLES = {}


def _worker_cycle(recipe_key, recipe):
    c = _WORKER_CYCLES.get(recipe_key)
    if c is None:
        from .cycle import _rebuild
        c = _rebuild(recipe).finalize()
        _WORKER_CYCLES[recipe_key] = c
    return c


def release_worker_cycles() -> int:
    """Frees the systems cached in this process by Dask sweeps; returns entropyk_live_handles()
    afterwards (run it on every worker with client.run to check that nothing leaked)."""
    for c in _WORKER_CYCLES.values():
        c.close()
    _WORKER_CYCLES.clear()
    return live_handles()


def _partition(part, recipe_key, recipe, components, inputs, chunk, settings, partition_info=None):
    if len(part) == 0:
        return _frame({f: [] for f in SUMMARY_FIELDS}, part.index)
    start = int(part.index[0])
    if start % chunk:
        raise EntropykError(_capi.ENTROPYK_INTERNAL_ERROR, f"partition starts at row {start}, not on a chunk")
    cycle = _worker_cycle(recipe_key, recipe)
    cols = _run(cycle, components, inputs, part.to_numpy(dtype=np.float64), chunk, 1, settings)
    return _frame(cols, part.index)


def _auto_partition_chunks(n_points: int, chunk: int, client) -> int:
    """Chunks per Dask partition when the caller gives none: about four partitions per worker
    thread of the cluster (so Dask can balance and a slow worker holds little back), never fewer
    than 4 chunks (1,000 points at the default chunk) per partition. Each partition costs a few
    milliseconds of Dask work (task round trip, slicing, pickling the result) whatever its size,
    so the fewer partitions the better once every worker has several."""
    workers = max(1, sum(client.nthreads().values()))
    chunks = -(-n_points // chunk)
    return max(4, -(-chunks // (4 * workers)))


def sweep(cycle: Cycle, points, client=None, threads: int = 1, chunk: int = DEFAULT_CHUNK,
          partition_chunks: int = None, **settings):
    """Solves `cycle` at every row of the DataFrame `points` and returns a DataFrame of the cycle
    figures (EntropykCycleSummary: status, iterations, capacities, power, COPs, superheat,
    subcooling, balances, residual norm, solve time), one row per point, same index.

    Columns of `points` are the inputs set at each point: "<component>.<input>" (input = an
    EntropykInput in lower case, SI units: "condenser.secondary_inlet_temperature" in K,
    "compressor.compressor_speed" in Hz, ...). A point whose solve fails has its status code
    (EntropykErrorCode) in the status column and NaN where it has no figure; no exception.

    client=None runs in this process on `threads` threads (entropyk_system_sweep, one system copy
    per thread). With a dask.distributed Client the table is cut into partitions of
    partition_chunks * chunk rows and map_partitions runs them on the cluster's workers, each worker
    process building the cycle once from its recipe; partition_chunks=None sizes the partitions
    from the cluster (about four per worker thread, at least 4 chunks each). The partitions come
    back to this process one by one (client.gather) and are joined here, not on a worker.
    `settings` are fallback_config fields."""
    import pandas as pd
    if chunk < 1:
        raise ValueError("chunk must be >= 1")
    components, inputs = _columns(cycle, points.columns)
    index = points.index
    if client is None:
        fresh = cycle.copy().finalize()
        try:
            cols = _run(fresh, components, inputs, points.to_numpy(dtype=np.float64), chunk, threads, settings)
        finally:
            fresh.close()
        return _frame(cols, index)

    import dask.dataframe as dd
    flat = pd.DataFrame(points.to_numpy(dtype=np.float64), columns=[f"c{j}" for j in range(points.shape[1])])
    # A fresh graph name per call: every sweep() runs its points (Dask would otherwise hand back the
    # result of an identical graph still held by the scheduler).
    if partition_chunks is None:
        partition_chunks = _auto_partition_chunks(len(flat), chunk, client)
    ddf = dd.from_pandas(flat, chunksize=chunk * max(1, int(partition_chunks)), sort=True,
                         name=f"entropyk-points-{uuid.uuid4().hex}")
    recipe = cycle._recipe
    key = json.dumps(recipe, sort_keys=True, default=str)
    meta = _frame({f: np.empty(0, dtype=np.int32 if f in ("status", "iterations", "superheat_available",
                                                          "subcooling_available") else np.float64)
                   for f in SUMMARY_FIELDS}, pd.RangeIndex(0))
    meta["iterations"] = meta["iterations"].astype(np.uint32)
    res = ddf.map_partitions(_partition, key, recipe, components, inputs, chunk, settings, meta=meta)
    # One future per partition, gathered straight to this process: computing the Dask DataFrame
    # as a whole would first ship every partition to one worker, join them there and send the
    # joined frame on (a serial tail that held the second worker idle).
    parts = client.gather(client.compute(res.to_delayed()))
    out = pd.concat(parts) if parts else meta
    out.index = index
    return out
