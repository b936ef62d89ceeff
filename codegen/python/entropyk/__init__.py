"""Entropyk for Python: refrigerant properties, vapour-compression cycles and parameter sweeps over
the Entropyk C library (libentropyk.so, through ctypes; no compiler needed). SI units throughout.
See docs/python.md.

    import entropyk
    entropyk.Fluid("R134a").state(p=1e6, h=4.2e5).T
"""

from ._capi import (EntropykErrorCode, EntropykInput, EntropykInputPair, EntropykPhase,
                    EntropykWarningCode)
from ._lib import LIBRARY_PATH, live_handles, version
from .cycle import (Component, Compressor, Condenser, Cycle, Economizer, Evaporator, ExpansionValve,
                    FixedSaturationCondenser, FixedSaturationEvaporator, FlashTank, GasCooler, HighPressureValve,
                    InternalHeatExchanger, IsentropicCompressor, Mixer, PressureRegulator, Receiver, Result,
                    Splitter, VapourInjectionCompressor, fallback_config)
from .errors import EntropykError
from .fluid import Fluid, State, fluid_names
from .sweep import release_worker_cycles, sweep

__version__ = version()

__all__ = ["EntropykErrorCode", "EntropykInput", "EntropykInputPair", "EntropykPhase", "EntropykWarningCode",
           "LIBRARY_PATH", "live_handles", "version", "Component", "Compressor", "Condenser", "Cycle", "Evaporator",
           "ExpansionValve", "FixedSaturationCondenser", "FixedSaturationEvaporator", "GasCooler",
           "HighPressureValve", "IsentropicCompressor", "Economizer", "FlashTank", "InternalHeatExchanger", "Mixer",
           "PressureRegulator", "Splitter", "VapourInjectionCompressor",
           "Receiver", "Result", "fallback_config", "EntropykError", "Fluid", "State", "fluid_names",
           "release_worker_cycles", "sweep"]
