"""Entropyk for Python: refrigerant properties, vapour-compression cycles and parameter sweeps over
the Entropyk C library (libentropyk.so, through ctypes; no compiler needed). SI units throughout.
See docs/python.md.

    import entropyk
    entropyk.Fluid("R134a").state(p=1e6, h=4.2e5).T
"""

from ._capi import (EntropykErrorCode, EntropykInput, EntropykInputPair, EntropykPhase,  # noqa: F401
                    EntropykWarningCode)
from ._lib import LIBRARY_PATH, live_handles, version  # noqa: F401
from .cycle import (Component, Compressor, Condenser, Cycle, Evaporator, ExpansionValve,  # noqa: F401
                    FixedSaturationCondenser, FixedSaturationEvaporator, IsentropicCompressor, Receiver, Result,
                    fallback_config)
from .errors import EntropykError  # noqa: F401
from .fluid import Fluid, State, fluid_names  # noqa: F401
from .sweep import release_worker_cycles, sweep  # noqa: F401

__version__ = version()
