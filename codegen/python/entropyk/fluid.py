"""Refrigerant properties: Fluid("R134a").state(p=..., h=...) for scalars and NumPy arrays."""

import ctypes
import math
from dataclasses import dataclass, fields

import numpy as np

from . import _capi
from ._lib import HandleOwner, check, lib, read_text
from .errors import EntropykError

_BACKENDS = {"eos": _capi.EntropykBackend.EOS, "tables": _capi.EntropykBackend.TABLES}

# The two inputs of each EntropykInputPair (v1, v2), SI units: p [Pa], T [K], h [J/kg],
# s [J/(kg K)], q [-] (vapour quality, 0..1), rho [kg/m3].
PAIRS = {
    ("p", "T"): _capi.EntropykInputPair.PT,
    ("p", "h"): _capi.EntropykInputPair.PH,
    ("p", "s"): _capi.EntropykInputPair.PS,
    ("p", "q"): _capi.EntropykInputPair.PQ,
    ("T", "q"): _capi.EntropykInputPair.TQ,
    ("T", "rho"): _capi.EntropykInputPair.TD,
}

# The figures of a state, in EntropykFluidState order (struct_size left out).
STATE_FIELDS = ("phase", "T", "p", "rho", "h", "s", "u", "cp", "cv", "w", "quality")


@dataclass(frozen=True)
class State:
    """One thermodynamic state, SI units. cp, cv and w are ENTROPYK_UNDEFINED_IN_TWO_PHASE (-1.0)
    inside the dome and quality is -1.0 in single-phase states, exactly as the C API gives them."""
    phase: _capi.EntropykPhase
    T: float
    p: float
    rho: float
    h: float
    s: float
    u: float
    cp: float
    cv: float
    w: float
    quality: float

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _pair(kwargs):
    keys = tuple(kwargs)
    if len(keys) != 2:
        raise TypeError(f"state() takes exactly two of p, T, h, s, q, rho; got {', '.join(keys) or 'none'}")
    for (a, b), pair in PAIRS.items():
        if set(keys) == {a, b}:
            return pair, kwargs[a], kwargs[b]
    raise TypeError(f"no input pair ({', '.join(keys)}); the pairs are "
                    + ", ".join(f"({a}, {b})" for a, b in PAIRS))


class Fluid(HandleOwner):
    """One refrigerant with one backend ("eos": the reference equation of state; "tables": fast
    bicubic tables, built once per fluid at first use: a blend's take 1 to 3 s). A context manager; the C handle is released
    by close(), at the end of a with block, or when the object is collected."""

    _free = "entropyk_fluid_free"

    def __init__(self, name: str, backend: str = "eos"):
        self._h = ctypes.c_void_p()
        if backend not in _BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(_BACKENDS)}, not {backend!r}")
        code = lib.entropyk_fluid_create(name.encode(), _BACKENDS[backend], ctypes.byref(self._h))
        check(code, what=f"Fluid({name!r})")
        self.backend = backend
        self.name = read_text(lib.entropyk_fluid_name, self._h)

    def __repr__(self):
        return f"Fluid({self.name!r}, backend={self.backend!r})"

    def _handle(self):
        if not self._h:
            raise EntropykError(_capi.ENTROPYK_INVALID_HANDLE, f"{self!r} is closed")
        return self._h

    # -- properties
    def info(self) -> dict:
        """Critical and triple points, validity range and molar mass (SI)."""
        out = _capi.EntropykFluidInfo.init()
        check(lib.entropyk_fluid_info(self._handle(), ctypes.byref(out)), "fluid", self._h)
        return {name: getattr(out, name) for name, _ in out._fields_[1:]}

    def components(self) -> list:
        """The canonical names of the fluid's components (["R32", "R1234yf"] for R454B; a pure fluid
        gives its own name)."""
        return read_text(lib.entropyk_fluid_components, self._handle()).split(",")

    def blend_info(self, p: float) -> dict:
        """The composition and the glide at pressure p [Pa]: components, mass_fraction and
        mole_fraction (lists in the order of components()), T_bubble and T_dew [K] at p and
        glide = T_dew - T_bubble [K] (0 for a pure fluid). Raises EntropykError where p has no
        saturation state (at or above the critical pressure, or the top of a blend's envelope)."""
        out = _capi.EntropykBlendInfo.init()
        check(lib.entropyk_fluid_blend_info(self._handle(), float(p), ctypes.byref(out)), "fluid", self._h)
        n = out.component_count
        return {"components": self.components(), "mass_fraction": list(out.mass_fraction[:n]),
                "mole_fraction": list(out.mole_fraction[:n]), "p": out.p, "T_bubble": out.T_bubble,
                "T_dew": out.T_dew, "glide": out.glide}

    def glide(self, p: float) -> float:
        """Dew minus bubble temperature at pressure p [Pa], K."""
        return self.blend_info(p)["glide"]

    def state(self, *, errors: str = "raise", as_frame: bool = False, **inputs):
        """The state at two inputs given by keyword: (p, T), (p, h), (p, s), (p, q), (T, q) or
        (T, rho), SI units (Pa, K, J/kg, J/(kg K), quality 0..1, kg/m3).

        Scalars give a State. Arrays (anything NumPy broadcasts) go through ONE call of the C
        array function entropyk_fluid_states and give a dict of arrays of the broadcast shape
        (a pandas DataFrame with as_frame=True, flattened). A failing element raises
        EntropykError (errors="raise", the default: the message names the first failing element)
        or, with errors="nan", becomes NaN (phase -1) and the dict gets a "code" array of the
        per-element EntropykErrorCode values."""
        pair, v1, v2 = _pair(inputs)
        if np.ndim(v1) == 0 and np.ndim(v2) == 0 and not as_frame:
            out = _capi.EntropykFluidState.init()
            check(lib.entropyk_fluid_state(self._handle(), pair, float(v1), float(v2), ctypes.byref(out)),
                  "fluid", self._h)
            values = {name: getattr(out, name) for name in STATE_FIELDS}
            values["phase"] = _capi.EntropykPhase(values["phase"])
            return State(**values)
        return self._states(pair, v1, v2, errors, as_frame)

    def _states(self, pair, v1, v2, errors, as_frame):
        if errors not in ("raise", "nan"):
            raise ValueError("errors must be 'raise' or 'nan'")
        a, b = np.broadcast_arrays(np.asarray(v1, dtype=np.float64), np.asarray(v2, dtype=np.float64))
        shape = a.shape
        a = np.ascontiguousarray(a.ravel())
        b = np.ascontiguousarray(b.ravel())
        n = a.size
        if n == 0:
            raise ValueError("state(): empty input arrays")
        out = (_capi.EntropykFluidState * n)()
        out[0].struct_size = ctypes.sizeof(_capi.EntropykFluidState)
        codes = np.zeros(n, dtype=np.int32)
        failed = ctypes.c_size_t(0)
        dptr = ctypes.POINTER(ctypes.c_double)
        code = lib.entropyk_fluid_states(self._handle(), pair, n, a.ctypes.data_as(dptr), b.ctypes.data_as(dptr),
                                         out, codes.ctypes.data_as(ctypes.POINTER(ctypes.c_int32)),
                                         ctypes.byref(failed))
        if code != 0 and (errors == "raise" or failed.value == 0):
            check(code, "fluid", self._h)  # a refused call, or the first failing element
        table = np.ctypeslib.as_array(out)  # a structured view of the C array, no copy
        result = {}
        bad = codes != 0
        for name in STATE_FIELDS:
            col = np.array(table[name], dtype=np.int32 if name == "phase" else np.float64)
            if bad.any():
                col[bad] = -1 if name == "phase" else math.nan
            result[name] = col.reshape(shape)
        if errors == "nan":
            result["code"] = codes.reshape(shape)
        if as_frame:
            import pandas as pd
            return pd.DataFrame({k: v.ravel() for k, v in result.items()})
        return result


def fluid_names() -> list:
    """The canonical names of the built-in fluids."""
    return read_text(lib.entropyk_fluid_names).split(",")
