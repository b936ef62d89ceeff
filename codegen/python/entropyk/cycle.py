"""Cycles built in code (or loaded from a cycle file), solved through the C API.

A Cycle keeps the recipe it was built from (refrigerant, components with their parameters,
connections, inputs set since) next to its C handle, so it can be pickled: a copy in another process
(a Dask worker) is rebuilt from the recipe, never from raw memory."""

import ctypes
import json

from . import _capi
from ._lib import LIBRARY_PATH, HandleOwner, check, lib, read_text
from .errors import EntropykError

_BACKENDS = {"eos": _capi.EntropykBackend.EOS, "tables": _capi.EntropykBackend.TABLES}

# Config fields that take an enum, and which enum (strings are the member names, any case).
_ENUM_FIELDS = {
    "units": _capi.EntropykMapUnits,
    "model": _capi.EntropykHxModel,
    "secondary": _capi.EntropykSecondary,
    "arrangement": _capi.EntropykFlowArrangement,
    "pressure_drop_kind": _capi.EntropykPressureDrop,
    "mode": _capi.EntropykValveMode,
    "flow_law": _capi.EntropykFlowLaw,
    "given": _capi.EntropykSaturationGiven,
    "point": _capi.EntropykSaturationPoint,
    "spec": _capi.EntropykGasCoolerSpec,
    "injection": _capi.EntropykInjectionPressure,
}

INPUTS = {m.name.lower(): m for m in _capi.EntropykInput}


def _enum_value(field, value):
    enum = _ENUM_FIELDS.get(field)
    if enum is None or not isinstance(value, str):
        return value
    try:
        return enum[value.upper()]
    except KeyError:
        raise ValueError(f"{field}: {value!r} is not one of {', '.join(m.name.lower() for m in enum)}") from None


class Component:
    """A component model and its parameters: the fields of its C config struct, by name, SI units
    (e.g. Condenser(model="moving_boundary", UA=2400, secondary_inlet_temperature=308.15, ...);
    docs/c-api.md lists every field and its default). Nothing is created in C until a Cycle adds it."""

    create = None  # the C constructor
    config = None  # the C config struct, or None for components without parameters

    def __init__(self, name: str = None, **params):
        self.name = name
        self.params = params
        if self.config is not None:
            known = _config_fields(self.config)
            unknown = sorted(set(params) - known)
            if unknown:
                raise TypeError(f"{type(self).__name__}: unknown parameter(s) {', '.join(unknown)}; "
                                f"known: {', '.join(sorted(known))}")
        elif params:
            raise TypeError(f"{type(self).__name__} takes no parameters")

    def __repr__(self):
        args = [f"name={self.name!r}"] if self.name else []
        return f"{type(self).__name__}({', '.join(args + [f'{k}={v!r}' for k, v in self.params.items()])})"

    def _make(self):
        """Creates the C component handle (the caller owns it until a system takes it)."""
        h = ctypes.c_void_p()
        fn = getattr(lib, self.create)
        if self.config is None:
            code = fn(ctypes.byref(h))
        else:
            cfg = _fill(self.config.init(), self.params)
            code = fn(ctypes.byref(cfg), ctypes.byref(h))
        check(code, what=f"{self!r}")
        return self._named(h)

    def _named(self, h):
        """Gives the new component handle its name (freeing it if the library refuses the name)."""
        if self.name:
            code = lib.entropyk_component_set_name(h, self.name.encode())
            if code:
                msg = read_text(lib.entropyk_component_last_error, h)
                lib.entropyk_component_free(h)
                raise EntropykError(code, msg)
        return h


def _config_fields(struct):
    return {f for f, _ in struct._fields_} - {"struct_size", "reserved"}


def _fill(cfg, params):
    """Sets the fields of a C config struct from keyword parameters (enum fields by name too)."""
    for k, v in params.items():
        v = _enum_value(k, v)
        cur = getattr(cfg, k)
        if isinstance(cur, ctypes.Array):
            if len(v) != len(cur):
                raise ValueError(f"{k}: {len(cur)} values expected, got {len(v)}")
            cur[:] = [float(x) for x in v]
        else:
            setattr(cfg, k, int(v) if isinstance(cur, int) else float(v))
    return cfg


def _kind(cname, struct):
    return type(cname, (Component,), {"create": f"entropyk_{_snake(cname)}_create", "config": struct,
                                      "__doc__": Component.__doc__})


def _snake(camel):
    return "".join("_" + c.lower() if c.isupper() else c for c in camel).lstrip("_")


Compressor = _kind("Compressor", _capi.EntropykCompressorConfig)
IsentropicCompressor = _kind("IsentropicCompressor", _capi.EntropykIsentropicCompressorConfig)
Condenser = _kind("Condenser", _capi.EntropykHeatExchangerConfig)
Evaporator = _kind("Evaporator", _capi.EntropykHeatExchangerConfig)
FixedSaturationCondenser = _kind("FixedSaturationCondenser", _capi.EntropykFixedSaturationConfig)
FixedSaturationEvaporator = _kind("FixedSaturationEvaporator", _capi.EntropykFixedSaturationConfig)
ExpansionValve = _kind("ExpansionValve", _capi.EntropykExpansionValveConfig)
Receiver = _kind("Receiver", None)
GasCooler = _kind("GasCooler", _capi.EntropykGasCoolerConfig)


class HighPressureValve(Component):
    """The high-pressure valve of a transcritical cycle (entropyk_high_pressure_valve_create):
    isenthalpic, holding the high-side pressure at `pressure` [Pa], or, with pressure=0 (the
    default), at the COP-optimal pressure every solve searches."""

    create = "entropyk_high_pressure_valve_create"

    def __init__(self, name: str = None, pressure: float = 0.0):
        super().__init__(name)
        self.params = {"pressure": float(pressure)}

    def _make(self):
        h = ctypes.c_void_p()
        check(lib.entropyk_high_pressure_valve_create(ctypes.c_double(self.params["pressure"]), ctypes.byref(h)),
              what=f"{self!r}")
        return self._named(h)


class _Scalars(Component):
    """A component whose C constructor takes a few numbers (no config struct): `_args` lists them
    in the constructor's order with their defaults (None: required)."""

    _args = ()

    def __init__(self, name: str = None, **params):
        super().__init__(name)
        known = [a for a, _ in self._args]
        unknown = sorted(set(params) - set(known))
        if unknown:
            raise TypeError(f"{type(self).__name__}: unknown parameter(s) {', '.join(unknown)}; "
                            f"known: {', '.join(known)}")
        self.params = {}
        for a, default in self._args:
            v = params.get(a, default)
            if v is None:
                raise TypeError(f"{type(self).__name__}: parameter {a!r} is required")
            self.params[a] = float(v)

    def _make(self):
        h = ctypes.c_void_p()
        args = [ctypes.c_double(self.params[a]) for a, _ in self._args]
        check(getattr(lib, self.create)(*args, ctypes.byref(h)), what=f"{self!r}")
        return self._named(h)


class FlashTank(Component):
    """A flash tank (phase separator): inlet "inlet", outlets "liquid_out" (saturated liquid,
    port 0) and "vapour_out" (saturated vapour, port 1). Its pressure is `pressure` [Pa]
    (mode="fixed_pressure", the default), an unknown the network closes (mode="floating": both
    compressor stages need a flow law), or `factor` (default 1) x sqrt(p_low p_high) of the valves
    around it (mode="geometric_mean"); entropyk_flash_tank_create_mode."""

    create = "entropyk_flash_tank_create_mode"
    _modes = {"fixed_pressure": _capi.EntropykFlashTankMode.FIXED_PRESSURE,
              "floating": _capi.EntropykFlashTankMode.FLOATING,
              "geometric_mean": _capi.EntropykFlashTankMode.GEOMETRIC_MEAN}

    def __init__(self, name: str = None, pressure: float = None, mode: str = "fixed_pressure", factor: float = None):
        super().__init__(name)
        if mode not in self._modes:
            raise TypeError(f"FlashTank: mode {mode!r} is not one of {', '.join(self._modes)}")
        if (pressure is None) == (mode == "fixed_pressure"):
            raise TypeError("FlashTank: give a pressure [Pa] with mode 'fixed_pressure' and only then")
        if factor is not None and mode != "geometric_mean":
            raise TypeError("FlashTank: factor applies to mode 'geometric_mean' only")
        self.params = {"mode": mode, "pressure": float(pressure or 0.0), "factor": float(factor or 0.0)}

    def _make(self):
        h = ctypes.c_void_p()
        check(lib.entropyk_flash_tank_create_mode(self._modes[self.params["mode"]],
                                                  ctypes.c_double(self.params["pressure"]),
                                                  ctypes.c_double(self.params["factor"]), ctypes.byref(h)),
              what=f"{self!r}")
        return self._named(h)


class Mixer(_Scalars):
    """An adiabatic mixer: inlets "inlet_a" and "inlet_b" at one pressure, outlet "outlet"."""

    create = "entropyk_mixer_create"


class Splitter(_Scalars):
    """A tee: inlet "inlet", outlets "outlet_a" and "outlet_b" of the same state; `fraction` of
    the flow leaves through outlet_a, or 0 (the default) to leave the split to the network."""

    create = "entropyk_splitter_create"
    _args = (("fraction", 0.0),)


class InternalHeatExchanger(_Scalars):
    """A suction-line (internal) heat exchanger of `effectiveness` in [0, 1) on the vapour side, or
    (entropyk_internal_heat_exchanger_create_ua) of conductance `ua` [W/K], counter-flow: inlets
    "hot_in" (liquid) and "cold_in" (vapour), outlets "hot_out" and "cold_out". Give one of them."""

    create = "entropyk_internal_heat_exchanger_create"
    _args = (("effectiveness", None),)

    def __init__(self, name: str = None, effectiveness: float = None, ua: float = None):
        Component.__init__(self, name)
        if (effectiveness is None) == (ua is None):
            raise TypeError("InternalHeatExchanger: give either effectiveness or ua [W/K]")
        self.params = {"effectiveness": float(effectiveness)} if effectiveness is not None else {"ua": float(ua)}

    def _make(self):
        h = ctypes.c_void_p()
        create = self.create if "effectiveness" in self.params else "entropyk_internal_heat_exchanger_create_ua"
        value = next(iter(self.params.values()))
        check(getattr(lib, create)(ctypes.c_double(value), ctypes.byref(h)), what=f"{self!r}")
        return self._named(h)


class Economizer(_Scalars):
    """An economizer: the main liquid ("hot_in" -> "hot_out") subcooled by an expanded injection
    stream ("cold_in" -> "cold_out", leaving `injection_superheat` [K] above its dew point);
    `effectiveness` in (0, 1) on the liquid."""

    create = "entropyk_economizer_create"
    _args = (("effectiveness", None), ("injection_superheat", 5.0))


class PressureRegulator(Component):
    """An evaporator pressure regulator holding its inlet at `pressure` [Pa] or at the dew
    pressure of `temperature` [K] (give one of them)."""

    create = "entropyk_pressure_regulator_create"

    def __init__(self, name: str = None, pressure: float = None, temperature: float = None):
        super().__init__(name)
        if (pressure is None) == (temperature is None):
            raise TypeError("PressureRegulator: give either pressure [Pa] or temperature [K]")
        self.params = {"pressure": float(pressure)} if pressure is not None else {"temperature": float(temperature)}

    def _make(self):
        h = ctypes.c_void_p()
        given = (_capi.EntropykSaturationGiven.PRESSURE if "pressure" in self.params
                 else _capi.EntropykSaturationGiven.TEMPERATURE)
        value = next(iter(self.params.values()))
        check(lib.entropyk_pressure_regulator_create(given, ctypes.c_double(value), ctypes.byref(h)),
              what=f"{self!r}")
        return self._named(h)


class VapourInjectionCompressor(Component):
    """A vapour-injection compressor (ports "suction", "injection", "discharge"): two isentropic
    steps of isentropic_efficiency with a mixing at the injection pressure, a fixed
    suction_mass_flow; injection="geometric_mean" (times injection_pressure_factor) or
    "given_pressure" (injection_pressure [Pa]). With displacement [m3], speed [Hz] and
    volumetric_efficiency the suction flow follows from the displacement instead
    (entropyk_vapour_injection_compressor_create_displacement); with map={EntropykCompressorConfig
    fields} the suction flow and the power come from a manufacturer's map
    (entropyk_vapour_injection_compressor_create_map)."""

    create = "entropyk_vapour_injection_compressor_create"
    config = _capi.EntropykVapourInjectionCompressorConfig
    _displacement = ("displacement", "speed", "volumetric_efficiency")

    def __init__(self, name: str = None, map: dict = None, displacement: float = None, speed: float = None,
                 volumetric_efficiency: float = None, **params):
        super().__init__(name, **params)
        disp = {k: float(v) for k, v in zip(self._displacement, (displacement, speed, volumetric_efficiency))
                if v is not None}
        if map is not None and disp:
            raise TypeError("VapourInjectionCompressor: give either map or displacement, not both")
        if disp and len(disp) != 3:
            raise TypeError("VapourInjectionCompressor: give displacement, speed and volumetric_efficiency together")
        if map is not None:
            unknown = sorted(set(map) - _config_fields(_capi.EntropykCompressorConfig))
            if unknown:
                raise TypeError(f"VapourInjectionCompressor: unknown map field(s) {', '.join(unknown)}")
            self.params["map"] = dict(map)
        self.params.update(disp)

    def _make(self):
        p = dict(self.params)
        m = p.pop("map", None)
        disp = [p.pop(k) for k in self._displacement if k in p]
        cfg = _fill(self.config.init(), p)
        h = ctypes.c_void_p()
        if m is not None:
            mcfg = _fill(_capi.EntropykCompressorConfig.init(), m)
            code = lib.entropyk_vapour_injection_compressor_create_map(ctypes.byref(cfg), ctypes.byref(mcfg),
                                                                       ctypes.byref(h))
        elif disp:
            code = lib.entropyk_vapour_injection_compressor_create_displacement(
                ctypes.byref(cfg), *[ctypes.c_double(x) for x in disp], ctypes.byref(h))
        else:
            code = lib.entropyk_vapour_injection_compressor_create(ctypes.byref(cfg), ctypes.byref(h))
        check(code, what=f"{self!r}")
        return self._named(h)


SUMMARY_FIELDS = tuple(f for f, _ in _capi.EntropykCycleSummary._fields_ if f not in ("struct_size", "reserved"))
CONNECTION_FIELDS = tuple(f for f, _ in _capi.EntropykConnectionResult._fields_ if f != "struct_size")
COMPONENT_FIELDS = tuple(f for f, _ in _capi.EntropykComponentResult._fields_ if f != "struct_size")


def fallback_config(**settings):
    """An EntropykFallbackConfig with the C defaults and the given fields (max_iterations, tolerance,
    time_budget, relaxation, cold_start, max_residual_evaluations, guess_*)."""
    cfg = _capi.EntropykFallbackConfig.init()
    for k, v in settings.items():
        if k not in {f for f, _ in cfg._fields_} - {"struct_size", "reserved", "reserved2"}:
            raise TypeError(f"unknown solver setting {k!r}")
        setattr(cfg, k, type(getattr(cfg, k))(v))
    return cfg


class Result(HandleOwner):
    """One solve's outcome (a snapshot: later solves do not change it). Owns a C result handle."""

    _free = "entropyk_result_free"

    def __init__(self, handle, names, topology=None):
        self._h = handle
        self._names = names
        self._topology = topology

    def _get(self, fn, *args):
        """Figure getters return the result's own status for a failed solve, after writing."""
        code = fn(self._h, *args)
        if code not in (0, _capi.ENTROPYK_CONTROL_SATURATION, _capi.ENTROPYK_NON_CONVERGENCE,
                        _capi.ENTROPYK_TIMEOUT, _capi.ENTROPYK_NON_PHYSICAL):
            check(code, "result", self._h)

    @property
    def status(self):
        s = ctypes.c_int32()
        check(lib.entropyk_result_get_status(self._h, ctypes.byref(s)), "result", self._h)
        return _capi.EntropykErrorCode(s.value)

    @property
    def ok(self) -> bool:
        return self.status in (_capi.ENTROPYK_OK, _capi.ENTROPYK_CONTROL_SATURATION)

    def summary(self) -> dict:
        """The cycle figures (EntropykCycleSummary: capacities and power [W], COPs, superheat and
        subcooling [K], balances, iterations, residual norm, solve time [s]) as a dict."""
        s = _capi.EntropykCycleSummary.init()
        self._get(lib.entropyk_result_get_summary, ctypes.byref(s))
        d = {f: getattr(s, f) for f in SUMMARY_FIELDS}
        d["status"] = _capi.EntropykErrorCode(d["status"])
        # A figure the cycle does not have (a transcritical high side has no subcooling) is None,
        # as in the command's JSON, not the C struct's placeholder 0.0.
        for k in ("superheat", "subcooling"):
            if not d[f"{k}_available"]:
                d[k] = None
        return d

    to_dict = summary

    def connections(self):
        """The state on every connection (from, to, names, phase, T, p, h, s, rho, quality, m; and,
        for a cycle built in code or read from a file, from_port, to_port and loop) as a pandas
        DataFrame, one row per connection in the order they were added."""
        import pandas as pd
        n = ctypes.c_uint32()
        check(lib.entropyk_result_get_connection_count(self._h, ctypes.byref(n)), "result", self._h)
        rows = []
        for i in range(n.value):
            c = _capi.EntropykConnectionResult.init()
            self._get(lib.entropyk_result_get_connection, i, ctypes.byref(c))
            row = {f: getattr(c, f) for f in CONNECTION_FIELDS}
            row["from_name"] = self._names[getattr(c, "from")] if self._names else ""
            row["to_name"] = self._names[c.to] if self._names else ""
            if self._topology:
                t = self._topology[i]
                row.update(from_port=t["from_port"], to_port=t["to_port"], loop=t["loop"])
            rows.append(row)
        extra = ["from_port", "to_port", "loop"] if self._topology else []
        return pd.DataFrame(rows, columns=list(CONNECTION_FIELDS) + ["from_name", "to_name"] + extra)

    def components(self):
        """Per-component figures (heat rate and power into the refrigerant [W], ...) as a DataFrame
        indexed by component name."""
        import pandas as pd
        rows = []
        for i, _ in enumerate(self._names):
            c = _capi.EntropykComponentResult.init()
            self._get(lib.entropyk_result_get_component, i, ctypes.byref(c))
            rows.append({f: getattr(c, f) for f in COMPONENT_FIELDS})
        return pd.DataFrame(rows, index=list(self._names), columns=list(COMPONENT_FIELDS))

    def report(self) -> str:
        return read_text(lib.entropyk_result_get_report, self._h)

    def warnings(self) -> list:
        n = ctypes.c_uint32()
        check(lib.entropyk_result_get_warning_count(self._h, ctypes.byref(n)), "result", self._h)
        out = []
        for i in range(n.value):
            code = ctypes.c_int32()
            text = read_text(lambda b, c, l: lib.entropyk_result_get_warning(self._h, i, ctypes.byref(code), b, c, l))
            out.append((_capi.EntropykWarningCode(code.value), text))
        return out

    @property
    def loop_count(self) -> int:
        """The refrigerant loops of the solved system (entropyk_result_get_loop_count)."""
        n = ctypes.c_uint32()
        check(lib.entropyk_result_get_loop_count(self._h, ctypes.byref(n)), "result", self._h)
        return n.value

    def loop_refrigerant(self, loop: int) -> str:
        """The refrigerant of one loop of the result (entropyk_result_get_loop_refrigerant)."""
        n = ctypes.c_size_t()
        check(lib.entropyk_result_get_loop_refrigerant(self._h, loop, None, 0, ctypes.byref(n)), "result", self._h)
        buf = ctypes.create_string_buffer(n.value + 1)
        check(lib.entropyk_result_get_loop_refrigerant(self._h, loop, buf, n.value + 1, ctypes.byref(n)), "result",
              self._h)
        return buf.value.decode()

    def svg(self, kind: str = "ph", loop: int = None) -> str:
        """The log p-h ("ph") or T-s ("ts") diagram as SVG text (entropyk_result_write_svg); with
        loop=k, the diagram of refrigerant loop k on its own refrigerant
        (entropyk_result_write_svg_loop)."""
        k = {"ph": _capi.ENTROPYK_DIAGRAM_PH, "ts": _capi.ENTROPYK_DIAGRAM_TS}.get(kind.lower())
        if k is None:
            raise ValueError("kind must be 'ph' or 'ts'")
        if loop is None:
            def write(*a):
                return lib.entropyk_result_write_svg(self._h, k, *a)
        else:
            if isinstance(loop, bool) or not isinstance(loop, int) or loop < 0:
                raise ValueError(f"loop must be a loop index (0, 1, ...), not {loop!r}")

            def write(*a):
                return lib.entropyk_result_write_svg_loop(self._h, loop, k, *a)
        n = ctypes.c_size_t()
        check(write(None, 0, ctypes.byref(n)), "result", self._h)
        buf = ctypes.create_string_buffer(n.value + 1)
        check(write(buf, n.value + 1, ctypes.byref(n)), "result", self._h)
        return buf.value.decode()


class Cycle(HandleOwner):
    """A refrigerant cycle: Cycle("R410A", backend="eos"), add() components, connect() them (by
    component, or port by port: connect("tank.vapour_out", "mixer.inlet_b")), then solve(). A
    cycle may hold several refrigerant loops (add_cascade couples two; set_refrigerant gives a loop
    its own fluid). Cycle.from_file("cycle.json") loads a cycle file (docs/cycle-format.md). set_input()
    changes an EntropykInput between solves (warm-started). A context manager; close() releases the
    C system (and its components) at once."""

    _free = "entropyk_system_free"

    def __init__(self, refrigerant: str, backend: str = "eos"):
        if backend not in _BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(_BACKENDS)}, not {backend!r}")
        self.refrigerant = refrigerant
        self.backend = backend
        self._recipe = {"refrigerant": refrigerant, "backend": backend, "components": [], "edges": [],
                        "refrigerants": [], "inputs": [], "discharge_limit": None, "json": None}
        self._names = []
        self._finalized = False
        self._last = None
        self._h = ctypes.c_void_p()
        check(lib.entropyk_system_create(refrigerant.encode(), _BACKENDS[backend], ctypes.byref(self._h)),
              what=f"Cycle({refrigerant!r})")

    # -- building
    def add(self, component: Component) -> int:
        """Adds a component; returns its index (0, 1, ... in order)."""
        h = component._make()
        idx = ctypes.c_uint32()
        code = lib.entropyk_system_add_component(self._handle(), h, ctypes.byref(idx))
        if code:
            lib.entropyk_component_free(h)  # on failure the caller (we) still owns it
            check(code, "system", self._h)
        self._recipe["components"].append((type(component).__name__, component.name, dict(component.params)))
        self._names.append(component.name or f"{_snake(type(component).__name__)}{idx.value}")
        return idx.value

    def index(self, component) -> int:
        """A component's index from its name (or the index itself)."""
        if isinstance(component, str):
            try:
                return self._names.index(component)
            except ValueError:
                raise KeyError(f"no component named {component!r}; the components are {self._names}") from None
        return int(component)

    def connect(self, *chain) -> "Cycle":
        """Connects outlets to inlets along a chain of components (names or indices):
        connect("compressor", "condenser", "valve", "evaporator", "compressor"). A pair with a port,
        "component.port" (e.g. connect("tank.vapour_out", "mixer.inlet_b")), is connected by port
        names (entropyk_system_connect_ports); a bare name then stands for the component's only
        outlet or inlet."""
        for a, b in zip(chain, chain[1:]):
            if _is_port(a) or _is_port(b):
                a, b = self._port_spec(a), self._port_spec(b)
                check(lib.entropyk_system_connect_ports(self._handle(), a.encode(), b.encode()), "system", self._h)
            else:
                a, b = self.index(a), self.index(b)
                check(lib.entropyk_system_add_edge(self._handle(), a, b), "system", self._h)
            self._recipe["edges"].append((a, b))
        return self

    def _port_spec(self, x) -> str:
        """A port given by "component.port", a component name or an index, as the library names it."""
        if isinstance(x, str):
            if "." not in x and x in self._names:  # a Python-side name: the library's own for it
                return self.component_name(self._names.index(x))
            return x
        return self.component_name(int(x))

    def component_name(self, index: int) -> str:
        """The name the library knows component `index` by (its set name, or its kind)."""
        return read_text(lib.entropyk_system_get_component_name, self._handle(), int(index))

    def set_refrigerant(self, component, refrigerant: str, backend: str = "eos") -> None:
        """Gives the loop of `component` (a name, "component.port" or an index) its own refrigerant;
        the other loops keep the cycle's. Two refrigerants in one loop are refused at finalize."""
        if backend not in _BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(_BACKENDS)}, not {backend!r}")
        spec = self._port_spec(component)
        check(lib.entropyk_system_set_refrigerant(self._handle(), spec.encode(), refrigerant.encode(),
                                                  _BACKENDS[backend]), "system", self._h)
        self._recipe["refrigerants"].append((spec, refrigerant, backend))

    def add_cascade(self, condensing_side: str, evaporating_side: str, **config) -> tuple:
        """Adds a cascade heat exchanger between two loops as two components (the condensing side of
        the lower loop, the evaporating side of the upper one), each connected into its own loop.
        config: the EntropykCascadeConfig fields, e.g. given="pressure", evaporating_pressure=3.2e5,
        approach=5, subcooling=0, superheat=0 (or given="temperature", evaporating_temperature=...).
        Returns the two component indices."""
        return self._add_cascade("add_cascade", "cascade", _capi.EntropykCascadeConfig,
                                 lib.entropyk_system_add_cascade, condensing_side, evaporating_side, config)

    def add_cascade_ua(self, condensing_side: str, evaporating_side: str, **config) -> tuple:
        """Adds a cascade heat exchanger in its UA form: the overall conductance is given and both
        saturation levels float (each loop's compressor then needs a flow law). config: the
        EntropykCascadeUaConfig fields, e.g. ua=18000 (W/K, required), subcooling=0, superheat=0,
        start_evaporating_temperature=263.15, start_approach=5 (start values of the guess only).
        Returns the two component indices."""
        return self._add_cascade("add_cascade_ua", "cascade_ua", _capi.EntropykCascadeUaConfig,
                                 lib.entropyk_system_add_cascade_ua, condensing_side, evaporating_side, config)

    def _add_cascade(self, method: str, recipe_kind: str, config_type, add, condensing_side: str,
                     evaporating_side: str, config: dict) -> tuple:
        """The two forms of add_cascade: checks the config's field names, fills the C struct, adds
        both sides and records the call for pickling."""
        known = _config_fields(config_type)
        unknown = sorted(set(config) - known)
        if unknown:
            raise TypeError(f"{method}: unknown parameter(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        cfg = _fill(config_type.init(), config)
        hot, cold = ctypes.c_uint32(), ctypes.c_uint32()
        check(add(self._handle(), condensing_side.encode(), evaporating_side.encode(), ctypes.byref(cfg),
                  ctypes.byref(hot), ctypes.byref(cold)), "system", self._h)
        self._recipe["components"].append((recipe_kind, (condensing_side, evaporating_side), dict(config)))
        self._names += [condensing_side, evaporating_side]
        return hot.value, cold.value

    def finalize(self) -> "Cycle":
        if not self._finalized:
            check(lib.entropyk_system_finalize(self._handle()), "system", self._h)
            self._finalized = True
        return self

    def set_discharge_temperature_limit(self, kelvin: float) -> None:
        check(lib.entropyk_system_set_discharge_temperature_limit(self._handle(), float(kelvin)), "system", self._h)
        self._recipe["discharge_limit"] = float(kelvin)

    def set_input(self, component, which, value: float) -> None:
        """Changes one input between solves: which is an EntropykInput or its lower-case name
        ("compressor_speed", "secondary_inlet_temperature", ...); SI units (Hz, K, kg/s)."""
        idx, kind = self.index(component), _input(which)
        check(lib.entropyk_system_set_input(self._handle(), idx, kind, float(value)), "system", self._h)
        self._recipe["inputs"].append((idx, int(kind), float(value)))

    @property
    def component_names(self) -> list:
        return list(self._names)

    # -- topology (after finalize)
    @property
    def loop_count(self) -> int:
        """The number of refrigerant loops (finalizes the cycle)."""
        self.finalize()
        n = ctypes.c_uint32()
        check(lib.entropyk_system_get_loop_count(self._h, ctypes.byref(n)), "system", self._h)
        return n.value

    def loop_of(self, component) -> int:
        """The loop a component (name or index) belongs to; loop 0 holds the first compressor."""
        self.finalize()
        n = ctypes.c_uint32()
        check(lib.entropyk_system_get_loop_of(self._h, self.index(component), ctypes.byref(n)), "system", self._h)
        return n.value

    def loop_refrigerant(self, loop: int) -> str:
        """The canonical name of a loop's refrigerant."""
        self.finalize()
        return read_text(lib.entropyk_system_get_loop_refrigerant, self._h, int(loop))

    def ports(self, component) -> dict:
        """A component's port names: {"inlets": [...], "outlets": [...]}."""
        i = self.index(component)
        nin, nout = ctypes.c_uint32(), ctypes.c_uint32()
        check(lib.entropyk_system_get_port_count(self._handle(), i, ctypes.byref(nin), ctypes.byref(nout)),
              "system", self._h)
        name = lambda inlet, k: read_text(lib.entropyk_system_get_port_name, self._h, i, inlet, k)  # noqa: E731
        return {"inlets": [name(1, k) for k in range(nin.value)], "outlets": [name(0, k) for k in range(nout.value)]}

    def topology(self) -> list:
        """Every connection as a dict: from, from_port, to, to_port (indices and port names) and
        loop, in the order of the results' connections (finalizes the cycle)."""
        self.finalize()
        n = ctypes.c_uint32()
        check(lib.entropyk_system_get_connection_count(self._h, ctypes.byref(n)), "system", self._h)
        out = []
        for i in range(n.value):
            c = _capi.EntropykConnectionInfo.init()
            check(lib.entropyk_system_get_connection(self._h, i, ctypes.byref(c)), "system", self._h)
            f, t = getattr(c, "from"), c.to
            out.append({"from": f, "from_port": read_text(lib.entropyk_system_get_port_name, self._h, f, 0,
                                                          c.from_port),
                        "to": t, "to_port": read_text(lib.entropyk_system_get_port_name, self._h, t, 1, c.to_port),
                        "loop": c.loop})
        return out

    # -- solving
    def solve(self, **settings) -> Result:
        """Solves (fallback solver: Newton, then Picard; warm-started from the last solution) and
        returns the Result. Settings are fallback_config fields; a cycle read from a file and
        solved without settings uses the file's solver settings (entropyk_solve_configured). A solve that fails
        (non-convergence, timeout, non-physical) raises EntropykError with .result attached."""
        self.finalize()
        out = ctypes.c_void_p()
        if getattr(self, "_from_file", False) and not settings:
            # The file's solver method and settings, as the `entropyk` command solves it.
            code = lib.entropyk_solve_configured(self._h, ctypes.byref(out))
        else:
            cfg = fallback_config(**settings)
            code = lib.entropyk_solve_fallback(self._h, ctypes.byref(cfg), ctypes.byref(out))
        if not out:
            check(code, "system", self._h)
        result = Result(out, self._names, self._topology_cache())
        if code not in (0, _capi.ENTROPYK_CONTROL_SATURATION):
            from ._lib import last_error
            raise EntropykError(code, last_error("system", self._h), result)
        self._last = result
        return result

    def _topology_cache(self):
        if getattr(self, "_topo", None) is None:
            self._topo = self.topology()
        return self._topo

    def svg(self, kind: str = "ph", loop: int = None) -> str:
        """The diagram of the last successful solve (see Result.svg)."""
        if self._last is None:
            self.solve()
        return self._last.svg(kind, loop)

    # -- lifetime
    def _handle(self):
        if not self._h:
            raise EntropykError(_capi.ENTROPYK_INVALID_HANDLE, "the cycle is closed")
        return self._h

    def close(self):
        self._last = None  # results are snapshots that outlive the system; they free themselves
        super().close()

    # -- pickling: rebuild from the recipe
    def __reduce__(self):
        return (_rebuild, (self._recipe,))

    def copy(self) -> "Cycle":
        """A fresh, unsolved copy built from the same recipe."""
        return _rebuild(self._recipe)

    @classmethod
    def from_file(cls, path) -> "Cycle":
        """Loads a cycle file (JSON, docs/cycle-format.md) with the library's reader; a refused
        file raises EntropykError (INVALID_ARGUMENT) with the reader's complete reason."""
        with open(path, encoding="utf-8") as f:
            return _from_json(f.read(), str(path))

    @classmethod
    def from_json(cls, text: str, source: str = None) -> "Cycle":
        """from_file on text; `source` names it in messages."""
        return _from_json(text, source)


def _input(which):
    if isinstance(which, str):
        try:
            return INPUTS[which.lower()]
        except KeyError:
            raise ValueError(f"unknown input {which!r}; the inputs are {', '.join(INPUTS)}") from None
    return _capi.EntropykInput(int(which))


_KINDS = {k.__name__: k for k in (Compressor, IsentropicCompressor, Condenser, Evaporator, FixedSaturationCondenser,
                                  FixedSaturationEvaporator, ExpansionValve, Receiver, GasCooler, HighPressureValve,
                                  FlashTank, Mixer, Splitter, InternalHeatExchanger, Economizer, PressureRegulator,
                                  VapourInjectionCompressor)}


def _is_port(x) -> bool:
    return isinstance(x, str) and "." in x


def _rebuild(recipe) -> Cycle:
    if recipe.get("json") is not None:
        c = _from_json(recipe["json"], recipe.get("source"))
    else:
        c = Cycle(recipe["refrigerant"], recipe["backend"])
        for kind, name, params in recipe["components"]:
            if kind == "cascade":
                c.add_cascade(*name, **params)
            elif kind == "cascade_ua":
                c.add_cascade_ua(*name, **params)
            else:
                c.add(_KINDS[kind](name=name, **params))
        for spec, refrigerant, backend in recipe.get("refrigerants", ()):
            c.set_refrigerant(spec, refrigerant, backend)
        for a, b in recipe["edges"]:
            c.connect(a, b)
    if recipe["discharge_limit"] is not None:
        c.set_discharge_temperature_limit(recipe["discharge_limit"])
    for idx, kind, value in recipe["inputs"]:
        c.set_input(idx, kind, value)
    return c


def _from_json(text: str, source: str = None) -> Cycle:
    """A finalized Cycle from cycle-file text, read by the library's own reader
    (entropyk_system_from_json: the same reader, checks and messages as the `entropyk` command)."""
    fn = getattr(lib, "entropyk_system_from_json", None)
    if fn is None:
        raise NotImplementedError(f"{LIBRARY_PATH} has no cycle-file reader (entropyk_system_from_json)")
    h = ctypes.c_void_p()
    n = ctypes.c_size_t(0)
    src = source.encode() if source else None
    buf = ctypes.create_string_buffer(1024)
    code = fn(text.encode(), src, ctypes.byref(h), buf, len(buf), ctypes.byref(n))
    if code == _capi.ENTROPYK_INVALID_ARGUMENT and n.value >= len(buf):  # a longer reason: read it whole
        buf = ctypes.create_string_buffer(n.value + 1)
        code = fn(text.encode(), src, ctypes.byref(h), buf, len(buf), ctypes.byref(n))
    if code != 0:
        if h:
            lib.entropyk_system_free(h)
        raise EntropykError(code, buf.value.decode("utf-8", "replace") or f"{source or 'cycle'}: refused")
    c = Cycle.__new__(Cycle)
    c._h = h
    c._finalized = True
    c._last = None
    c._from_file = True
    try:
        doc = json.loads(text)  # only for the names; the library has read and checked the text
        c.refrigerant = doc.get("refrigerant", "")
        c.backend = doc.get("backend", "eos")
        names = [comp.get("name", "") for comp in doc.get("components", [])]
    except (ValueError, AttributeError):  # JSON with comments: the library accepts it, json does not
        c.refrigerant, c.backend, names = "", "", []
    count = ctypes.c_uint32()
    check(lib.entropyk_system_get_component_count(h, ctypes.byref(count)), "system", h)
    if len(names) != count.value or not all(names):
        names = [f"component{i}" for i in range(count.value)]
    c._names = names
    c._recipe = {"refrigerant": c.refrigerant, "backend": c.backend, "components": [], "edges": [],
                 "refrigerants": [], "inputs": [],
                 "discharge_limit": None, "json": text, "source": source}
    return c
