"""Cycles through the C API: results, inputs, diagrams, errors, pickling, deterministic release."""

import ctypes
import pickle

import pytest

import entropyk
from entropyk import _capi
from entropyk._lib import lib
from cycles import heat_pump


def c_reference_summary(outdoor):
    """The same heat pump solved by plain C calls (no Python layer in between)."""
    c = heat_pump(outdoor=outdoor)
    c.finalize()
    res = ctypes.c_void_p()
    cfg = _capi.EntropykFallbackConfig.init()
    assert lib.entropyk_solve_fallback(c._h, ctypes.byref(cfg), ctypes.byref(res)) == 0
    s = _capi.EntropykCycleSummary.init()
    assert lib.entropyk_result_get_summary(res, ctypes.byref(s)) == 0
    lib.entropyk_result_free(res)
    c.close()
    return s


def test_solve_gives_the_c_figures(no_leak):
    with heat_pump(outdoor=275.15) as c:
        with c.solve() as r:
            s = r.summary()
            ref = c_reference_summary(275.15)
            for f in ("cooling_capacity", "heating_capacity", "compressor_power", "COP_heating", "superheat"):
                assert s[f] == getattr(ref, f), f
            assert s["status"] == entropyk.EntropykErrorCode.OK and r.ok
            assert abs(s["superheat"] - 5.0) < 1e-6  # the TXV's set-point
            assert abs(s["COP_heating"] - s["heating_capacity"] / s["compressor_power"]) < 1e-12
            conn = r.connections()
            assert list(conn["from_name"]) == ["compressor", "condenser", "valve", "evaporator"]
            assert (conn["m"] - conn["m"].iloc[0]).abs().max() < 1e-9  # one loop, one mass flow
            comps = r.components()
            assert comps.loc["compressor", "power"] > 0 and comps.loc["condenser", "heat_rate"] < 0
            assert "status: Converged" in r.report()
            svg = r.svg("ph")
            assert svg.startswith("<svg") or svg.startswith("<?xml")
            assert "</svg>" in r.svg("ts")


def test_set_input_warm_resolve(no_leak):
    with heat_pump(outdoor=275.15) as c:
        cold = c.solve().summary()["COP_heating"]
        c.set_input("evaporator", "secondary_inlet_temperature", 285.15)
        warm = c.solve().summary()
        assert warm["COP_heating"] > cold  # warmer outdoor air, better heat pump
        assert warm["iterations"] < 30
        with pytest.raises(entropyk.EntropykError) as e:
            c.set_input("evaporator", "secondary_inlet_temperature", float("nan"))
        assert e.value.code == entropyk.EntropykErrorCode.INVALID_ARGUMENT
        assert e.value.message.startswith("entropyk_system_set_input")
        with pytest.raises(KeyError):
            c.set_input("no such part", "compressor_speed", 50.0)


def test_validation_error_maps_to_exception(no_leak):
    c = entropyk.Cycle("R134a")
    c.add(entropyk.IsentropicCompressor(name="compressor"))
    c.add(entropyk.Receiver(name="receiver"))
    c.connect("compressor", "receiver")
    with pytest.raises(entropyk.EntropykError) as e:
        c.finalize()
    assert e.value.code == entropyk.EntropykErrorCode.VALIDATION_ERROR
    assert e.value.message.startswith("entropyk_system_finalize: component 'compressor' (compressor): inlet is not "
                                      "connected; component 'receiver' (receiver): outlet is not connected")
    c.close()


def test_bad_component_parameters():
    with pytest.raises(TypeError):
        entropyk.Condenser(ua=1000.0)  # the field is UA
    with pytest.raises(entropyk.EntropykError) as e:
        entropyk.Cycle("R134a").add(entropyk.Condenser(UA=-1.0))
    assert e.value.code == entropyk.EntropykErrorCode.INVALID_ARGUMENT
    # A failed create leaves no handle to ask, so the message is the code's fixed description.
    assert e.value.message == "Condenser(UA=-1.0): an argument is out of range, NaN or infinite"


def test_pickled_cycle_is_rebuilt_and_solves_alike(no_leak):
    with heat_pump(outdoor=278.15) as c:
        c.set_input("compressor", "compressor_speed", 40.0)
        with pickle.loads(pickle.dumps(c)) as d:
            assert d.component_names == c.component_names
            assert d.solve().summary()["COP_heating"] == c.copy().solve().summary()["COP_heating"]


def test_handles_are_released_deterministically():
    before = entropyk.live_handles()
    c = heat_pump()
    r = c.solve()
    assert entropyk.live_handles() == before + 2  # the system and the result
    c.close()
    assert entropyk.live_handles() == before + 1  # a result is a snapshot: it outlives the system
    assert r.summary()["COP_heating"] > 1.0
    r.close()
    assert entropyk.live_handles() == before


def co2_transcritical(pressure):
    """The transcritical CO2 cycle of tests/c/test_transcritical.c built in Python: 1 kg/s,
    efficiency 0.7, gas cooler outlet 35 C, evaporating at -5 C saturated."""
    c = entropyk.Cycle("R744", "eos")
    c.add(entropyk.IsentropicCompressor(name="compressor", flow_law="fixed_mass_flow", isentropic_efficiency=0.7,
                                        mass_flow=1.0))
    c.add(entropyk.GasCooler(name="gas cooler", spec="outlet_temperature", outlet_temperature=308.15))
    c.add(entropyk.HighPressureValve(name="valve", pressure=pressure))
    c.add(entropyk.FixedSaturationEvaporator(name="evaporator", saturation_temperature=268.15,
                                             outlet_difference=0.0))
    c.connect("compressor", "gas cooler", "valve", "evaporator", "compressor")
    return c


def test_transcritical_co2_in_code(no_leak):
    # The C test's figures (an independent CoolProp computation): COP 2.02997360539 at 100 bar; the
    # COP-optimal search reaches the continuous maximum 2.10915480313.
    with co2_transcritical(100e5) as c, c.solve() as r:
        s = r.summary()
        assert s["COP_cooling"] == pytest.approx(2.02997360539, rel=1e-6)
        assert s["subcooling"] is None  # no saturation state on a supercritical high side
    with co2_transcritical(0.0) as c, c.solve() as r:
        assert r.summary()["COP_cooling"] == pytest.approx(2.10915480313, rel=1e-8)
    with pytest.raises(entropyk.EntropykError) as e:
        entropyk.HighPressureValve(pressure=-5.0)._make()
    assert e.value.code == entropyk.EntropykErrorCode.INVALID_ARGUMENT
