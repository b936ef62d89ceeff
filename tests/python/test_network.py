"""Networks through the Python package: ports, several loops, the cascade exchanger and the
network components (flash tank, mixer, splitter, suction-line exchanger, economizer,
vapour-injection compressor, evaporator pressure regulator). Reference figures: the CoolProp 8.0
recomputations of the validation cases (docs/components.md; tests/cycles/*.test.cpp)."""

import pickle

import pytest

import entropyk
from entropyk import _capi


def rel(a, b):
    return abs(a - b) / abs(b)


def cascade(lower=None):
    """Cengel & Boles Example 11-4 (case b): two R134a loops coupled by a cascade exchanger."""
    c = entropyk.Cycle("R134a")
    c.add(entropyk.IsentropicCompressor("comp_a", isentropic_efficiency=1.0, mass_flow=0.05))
    c.add(entropyk.FixedSaturationCondenser("cond_a", given="pressure", saturation_pressure=0.8e6))
    c.add(entropyk.ExpansionValve("valve_a"))
    assert c.add_cascade("cascade_cond", "cascade_evap", given="pressure", evaporating_pressure=0.32e6,
                         approach=0.0) == (3, 4)
    c.add(entropyk.IsentropicCompressor("comp_b", isentropic_efficiency=1.0, flow_law="none"))
    c.add(entropyk.ExpansionValve("valve_b"))
    c.add(entropyk.FixedSaturationEvaporator("evap_b", given="pressure", saturation_pressure=0.14e6))
    if lower:
        c.set_refrigerant("comp_b", lower)
    c.connect("comp_a.discharge", "cond_a", "valve_a", "cascade_evap", "comp_a.suction")
    c.connect("comp_b.discharge", "cascade_cond", "valve_b", "evap_b", "comp_b.suction")
    return c


def test_cascade_case_b(no_leak):
    with cascade("R134a") as c:
        assert c.loop_count == 2
        assert [c.loop_of(n) for n in ("comp_a", "cascade_evap", "comp_b", "cascade_cond")] == [0, 0, 1, 1]
        assert c.loop_refrigerant(1) == "R134a"
        r = c.solve()
        s = r.summary()
        assert rel(s["cooling_capacity"], 7167.51626172) < 1e-6
        assert rel(s["COP_cooling"], 4.47287894351) < 1e-6
        assert abs(s["energy_balance"]) <= 1e-9
        conn = r.connections()
        lower = conn[(conn.from_name == "comp_b")].iloc[0]
        assert lower.loop == 1 and lower.from_port == "outlet" and lower.to_name == "cascade_cond"
        assert rel(lower.m, 0.0389572723226) < 1e-6
        assert set(conn[conn.loop == 0].from_name) == {"comp_a", "cond_a", "valve_a", "cascade_evap"}
        # One diagram per loop (entropyk_result_write_svg_loop), states numbered across the loops.
        assert r.loop_count == 2 and r.loop_refrigerant(1) == "R134a"
        upper, lower_svg = r.svg("ph", loop=0), r.svg("ts", loop=1)
        assert "<title>R134a cycle, loop 1 \u2014 log p-h diagram</title>" in upper
        assert "<title>R134a cycle, loop 2 \u2014 T-s diagram</title>" in lower_svg
        assert upper.count('<path class="process') == 4 and lower_svg.count('<path class="process') == 4
        assert 'data-component="comp_b"' in lower_svg and 'data-component="comp_b"' not in upper
        with pytest.raises(entropyk.EntropykError) as e:
            r.svg("ph", loop=2)
        assert e.value.message == ("entropyk_result_write_svg_loop: loop 2: the result has 2 refrigerant loops "
                                   "(0 to 1)")
        with pytest.raises(ValueError):
            r.svg("ph", loop=-1)
        # A copy rebuilt from the recipe (what pickling does) gives the same answer.
        with pickle.loads(pickle.dumps(c)) as d:
            assert rel(d.solve().summary()["COP_cooling"], s["COP_cooling"]) < 1e-9
            assert d.loop_count == 2


def test_two_refrigerants_and_refusals(no_leak):
    with cascade("r32") as c:
        assert [c.loop_refrigerant(k) for k in (0, 1)] == ["R134a", "R32"]
    with cascade() as c:
        with pytest.raises(entropyk.EntropykError) as e:
            c.set_refrigerant("compressor", "R32")
        assert e.value.code == _capi.ENTROPYK_INVALID_ARGUMENT
        assert e.value.message == ("entropyk_system_set_refrigerant: 'compressor': no component named 'compressor'")
        c.set_refrigerant("comp_b", "R32")
        c.set_refrigerant("evap_b", "R290")
        with pytest.raises(entropyk.EntropykError) as e:
            c.finalize()
        assert e.value.code == _capi.ENTROPYK_VALIDATION_ERROR
        assert e.value.message == ("entropyk_system_finalize: the loop of 'evap_b' is given two refrigerants: "
                                   "R32 (at 'comp_b') and R290 (at 'evap_b')")
    with entropyk.Cycle("R134a") as c:
        with pytest.raises(entropyk.EntropykError) as e:
            c.add_cascade("a", "a", evaporating_temperature=250.0)
        assert "its two sides need two names (both are 'a')" in str(e.value)
        with pytest.raises(TypeError):
            c.add_cascade("a", "b", evaporating_temprature=250.0)
        assert c.component_names == []
    with pytest.raises(TypeError):
        entropyk.PressureRegulator("epr", pressure=3e5, temperature=270.0)
    with pytest.raises(entropyk.EntropykError) as e:
        entropyk.Cycle("R134a").add(entropyk.Economizer("eco", effectiveness=1.0))
    assert e.value.code == _capi.ENTROPYK_INVALID_ARGUMENT


def r717_r744(ua=None, m_b=None):
    """The R744/R717 cascade of tests/cycles/multiloop.test.cpp: the approach form (-10 C, 5 K)
    without ua, else the UA form with the CO2 compressor at m_b."""
    c = entropyk.Cycle("R717")
    c.add(entropyk.IsentropicCompressor("comp_a", isentropic_efficiency=1.0, mass_flow=0.1))
    c.add(entropyk.FixedSaturationCondenser("cond_a", given="pressure", saturation_pressure=13.5e5))
    c.add(entropyk.ExpansionValve("valve_a"))
    if ua is None:
        c.add_cascade("cascade_cond", "cascade_evap", evaporating_temperature=263.15, approach=5.0)
        c.add(entropyk.IsentropicCompressor("comp_b", isentropic_efficiency=1.0, flow_law="none"))
    else:
        assert c.add_cascade_ua("cascade_cond", "cascade_evap", ua=ua) == (3, 4)
        c.add(entropyk.IsentropicCompressor("comp_b", isentropic_efficiency=1.0, mass_flow=m_b))
    c.add(entropyk.ExpansionValve("valve_b"))
    c.add(entropyk.FixedSaturationEvaporator("evap_b", given="pressure", saturation_pressure=8.3e5))
    c.set_refrigerant("comp_b", "R744")
    c.connect("comp_a.discharge", "cond_a", "valve_a", "cascade_evap", "comp_a.suction")
    c.connect("comp_b.discharge", "cascade_cond", "valve_b", "evap_b", "comp_b.suction")
    return c


def test_cascade_ua(no_leak):
    """The UA form with the zone model's UA for the approach form's states (18566.0057 W/K,
    docs/components.md) reproduces it; a larger UA lifts the COP; a bad UA is refused."""
    with r717_r744() as a:
        ra = a.solve().summary()
        m_b = a.solve().connections().query("from_name == 'comp_b'").iloc[0].m
    assert rel(ra["COP_cooling"], 2.04515555392) < 1e-9
    with r717_r744(18566.005666877652, m_b) as u:
        ru = u.solve().summary()
        assert rel(ru["COP_cooling"], ra["COP_cooling"]) < 1e-6
        assert abs(ru["energy_balance"]) <= 1e-9
        conn = u.solve().connections()
        assert rel(conn.query("from_name == 'cascade_evap'").iloc[0]["T"], 263.15) < 1e-6
        with pickle.loads(pickle.dumps(u)) as d:
            assert rel(d.solve().summary()["COP_cooling"], ru["COP_cooling"]) < 1e-9
    with r717_r744(4 * 18566.005666877652, m_b) as big:
        assert big.solve().summary()["COP_cooling"] > ru["COP_cooling"]
    with entropyk.Cycle("R717") as c:
        with pytest.raises(entropyk.EntropykError) as e:
            c.add_cascade_ua("a", "b", ua=-1.0)
        assert e.value.code == _capi.ENTROPYK_INVALID_ARGUMENT
        assert e.value.message == ("entropyk_system_add_cascade_ua: cascade heat exchanger 'a' / 'b': UA = -1 W/K: "
                                   "expected a finite number > 0")
        with pytest.raises(TypeError):
            c.add_cascade_ua("a", "b", ua=1000.0, approach=5.0)
        assert c.component_names == []


def test_flash_tank_case_a(no_leak):
    """Cengel & Boles Example 11-5 (case a): flash chamber and mixer, connected port by port."""
    with entropyk.Cycle("R134a") as c:
        c.add(entropyk.IsentropicCompressor("lp", isentropic_efficiency=1.0, flow_law="none"))
        c.add(entropyk.Mixer("mixer"))
        c.add(entropyk.IsentropicCompressor("hp", isentropic_efficiency=1.0, mass_flow=1.0))
        c.add(entropyk.FixedSaturationCondenser("condenser", given="pressure", saturation_pressure=0.8e6))
        c.add(entropyk.ExpansionValve("v1"))
        c.add(entropyk.FlashTank("tank", pressure=0.32e6))
        c.add(entropyk.ExpansionValve("v2"))
        c.add(entropyk.FixedSaturationEvaporator("evaporator", given="pressure", saturation_pressure=0.14e6))
        assert c.ports("tank") == {"inlets": ["inlet"], "outlets": ["liquid_out", "vapour_out"]}
        c.connect("lp.discharge", "mixer.inlet_a")
        c.connect("mixer", "hp", "condenser", "v1", "tank")
        c.connect("tank.liquid_out", "v2", "evaporator", "lp.suction")
        c.connect("tank.vapour_out", "mixer.inlet_b")
        s = c.solve().summary()
        assert rel(s["COP_cooling"], 4.47533057817) < 1e-6
        topo = c.topology()
        vapour = next(t for t in topo if t["from_port"] == "vapour_out")
        assert (vapour["to"], vapour["to_port"], vapour["loop"]) == (1, "inlet_b", 0)


def _two_stage(c, tank, lp, hp):
    c.add(lp)
    c.add(entropyk.Mixer("mixer"))
    c.add(hp)
    c.add(entropyk.FixedSaturationCondenser("condenser", given="pressure", saturation_pressure=0.8e6))
    c.add(entropyk.ExpansionValve("v1"))
    c.add(tank)
    c.add(entropyk.ExpansionValve("v2"))
    c.add(entropyk.FixedSaturationEvaporator("evaporator", given="pressure", saturation_pressure=0.14e6))
    c.connect("lp.discharge", "mixer.inlet_a")
    c.connect("mixer", "hp", "condenser", "v1", "tank")
    c.connect("tank.liquid_out", "v2", "evaporator", "lp.suction")
    c.connect("tank.vapour_out", "mixer.inlet_b")


def test_flash_tank_modes(no_leak):
    """The flash tank's level from the network: the geometric mean of the valves around it, or
    floating between two displacement compressors; a floating tank nothing closes is named."""
    with entropyk.Cycle("R134a") as c:
        _two_stage(c, entropyk.FlashTank("tank", mode="geometric_mean"),
                   entropyk.IsentropicCompressor("lp", isentropic_efficiency=1.0, flow_law="none"),
                   entropyk.IsentropicCompressor("hp", isentropic_efficiency=1.0, mass_flow=1.0))
        r = c.solve()
        assert r.ok
        p = r.connections().query("from_name == 'v1'")["p"].iloc[0]
        assert rel(p, (0.14e6 * 0.8e6) ** 0.5) < 1e-10
    with entropyk.Cycle("R134a") as c:
        disp = dict(isentropic_efficiency=1.0, flow_law="displacement", speed=50.0, volumetric_efficiency=0.9)
        _two_stage(c, entropyk.FlashTank("tank", mode="floating"),
                   entropyk.IsentropicCompressor("lp", displacement=2.5e-3, **disp),
                   entropyk.IsentropicCompressor("hp", displacement=1.45e-3, **disp))
        r = c.solve()
        assert r.ok
        assert abs(r.summary()["energy_balance"]) < 1e-9
        p = r.connections().query("from_name == 'v1'")["p"].iloc[0]
        assert 0.14e6 < p < 0.8e6
    with entropyk.Cycle("R134a") as c:
        _two_stage(c, entropyk.FlashTank("tank", mode="floating"),
                   entropyk.IsentropicCompressor("lp", isentropic_efficiency=1.0, flow_law="none"),
                   entropyk.IsentropicCompressor("hp", isentropic_efficiency=1.0, mass_flow=1.0))
        with pytest.raises(entropyk.EntropykError) as e:
            c.finalize()
        assert e.value.code == _capi.ENTROPYK_VALIDATION_ERROR
        assert "the pressure of flash tank 'tank' floats and nothing closes it" in e.value.message
    with pytest.raises(TypeError):
        entropyk.FlashTank("tank", mode="floating", pressure=3e5)
    with pytest.raises(entropyk.EntropykError) as e:
        entropyk.Cycle("R134a").add(entropyk.FlashTank("tank", mode="geometric_mean", factor=20.0))
    assert e.value.code == _capi.ENTROPYK_INVALID_ARGUMENT


def test_suction_line_exchanger_case_d(no_leak):
    """Case d: R1234yf with a suction-line exchanger of effectiveness 0.6."""
    with entropyk.Cycle("R1234yf") as c:
        c.add(entropyk.FixedSaturationEvaporator("evaporator", saturation_temperature=273.15))
        c.add(entropyk.InternalHeatExchanger("ihx", effectiveness=0.6))
        c.add(entropyk.IsentropicCompressor("compressor", isentropic_efficiency=0.7, mass_flow=1.0))
        c.add(entropyk.FixedSaturationCondenser("condenser", saturation_temperature=318.15))
        c.add(entropyk.ExpansionValve("valve"))
        c.connect("evaporator", "ihx.cold_in")
        c.connect("ihx.cold_out", "compressor", "condenser", "ihx.hot_in")
        c.connect("ihx.hot_out", "valve", "evaporator")
        s = c.solve().summary()
        assert rel(s["COP_cooling"], 3.32165222035) < 1e-6
        assert rel(s["cooling_capacity"], 126182.027097) < 1e-6
    # The UA form with the conductance the effectiveness solve implies (tests/cycles/network.test.cpp).
    with entropyk.Cycle("R1234yf") as c:
        c.add(entropyk.FixedSaturationEvaporator("evaporator", saturation_temperature=273.15))
        c.add(entropyk.InternalHeatExchanger("ihx", ua=1129.42605965))
        c.add(entropyk.IsentropicCompressor("compressor", isentropic_efficiency=0.7, mass_flow=1.0))
        c.add(entropyk.FixedSaturationCondenser("condenser", saturation_temperature=318.15))
        c.add(entropyk.ExpansionValve("valve"))
        c.connect("evaporator", "ihx.cold_in")
        c.connect("ihx.cold_out", "compressor", "condenser", "ihx.hot_in")
        c.connect("ihx.hot_out", "valve", "evaporator")
        assert rel(c.solve().summary()["COP_cooling"], 3.32165222035) < 1e-6
    with pytest.raises(TypeError, match="give either effectiveness or ua"):
        entropyk.InternalHeatExchanger("ihx", effectiveness=0.5, ua=10.0)
    with entropyk.Cycle("R1234yf") as c:
        with pytest.raises(entropyk.EntropykError):
            c.add(entropyk.InternalHeatExchanger("ihx", ua=0.0))


def test_vapour_injection_and_regulator(no_leak):
    """The R32 vapour-injection heat pump beats the single-stage cycle; an EPR holds a warm
    evaporator above the suction of a colder one."""
    with entropyk.Cycle("R32") as c:
        c.add(entropyk.VapourInjectionCompressor("comp", isentropic_efficiency=0.7, suction_mass_flow=0.05,
                                                 injection="geometric_mean"))
        c.add(entropyk.FixedSaturationCondenser("cond", saturation_temperature=318.15, outlet_difference=5.0))
        c.add(entropyk.Splitter("tee"))
        c.add(entropyk.Economizer("economizer", effectiveness=0.8, injection_superheat=5.0))
        c.add(entropyk.ExpansionValve("main_valve"))
        c.add(entropyk.FixedSaturationEvaporator("evap", saturation_temperature=258.15, outlet_difference=5.0))
        c.add(entropyk.ExpansionValve("injection_valve"))
        assert c.ports("comp") == {"inlets": ["suction", "injection"], "outlets": ["discharge"]}
        c.connect("comp.discharge", "cond", "tee")
        c.connect("tee.outlet_a", "economizer.hot_in")
        c.connect("economizer.hot_out", "main_valve", "evap", "comp.suction")
        c.connect("tee.outlet_b", "injection_valve", "economizer.cold_in")
        c.connect("economizer.cold_out", "comp.injection")
        vi = c.solve().summary()
    with entropyk.Cycle("R32") as c:
        c.add(entropyk.IsentropicCompressor("comp", isentropic_efficiency=0.7, mass_flow=0.05))
        c.add(entropyk.FixedSaturationCondenser("cond", saturation_temperature=318.15, outlet_difference=5.0))
        c.add(entropyk.ExpansionValve("valve"))
        c.add(entropyk.FixedSaturationEvaporator("evap", saturation_temperature=258.15, outlet_difference=5.0))
        c.connect("comp", "cond", "valve", "evap", "comp")
        single = c.solve().summary()
    assert vi["heating_capacity"] > 1.1 * single["heating_capacity"]
    assert 0.01 < vi["COP_heating"] / single["COP_heating"] - 1.0 < 0.25

    with entropyk.Cycle("R134a") as c:
        c.add(entropyk.IsentropicCompressor("comp", isentropic_efficiency=0.7, mass_flow=0.1))
        c.add(entropyk.FixedSaturationCondenser("cond", saturation_temperature=313.15, outlet_difference=3.0))
        c.add(entropyk.Splitter("tee"))
        c.add(entropyk.ExpansionValve("valve_cold"))
        c.add(entropyk.FixedSaturationEvaporator("evap_cold", saturation_temperature=248.15, outlet_difference=5.0))
        c.add(entropyk.ExpansionValve("valve_warm", mode="fixed_superheat", superheat=5.0))
        c.add(entropyk.Evaporator("evap_warm", model="epsilon_ntu", UA=400.0, secondary="air",
                                  secondary_inlet_temperature=281.15, secondary_mass_flow=1.0))
        c.add(entropyk.PressureRegulator("epr", temperature=271.15))
        c.add(entropyk.Mixer("mix"))
        c.connect("comp.discharge", "cond", "tee")
        c.connect("tee.outlet_a", "valve_cold", "evap_cold", "mix.inlet_a")
        c.connect("tee.outlet_b", "valve_warm", "evap_warm", "epr", "mix.inlet_b")
        c.connect("mix", "comp.suction")
        conn = c.solve().connections()
        warm = conn[conn.from_name == "evap_warm"].iloc[0]
        after = conn[conn.from_name == "epr"].iloc[0]
        p_warm = entropyk.Fluid("R134a").state(T=271.15, q=1.0).p
        assert rel(warm.p, p_warm) < 1e-6
        assert after.p < warm.p and rel(after.h, warm.h) < 1e-12


def _vi_heat_pump(compressor):
    """The R32 vapour-injection heat pump of test_vapour_injection_and_regulator with `compressor`."""
    c = entropyk.Cycle("R32")
    c.add(compressor)
    c.add(entropyk.FixedSaturationCondenser("cond", saturation_temperature=318.15, outlet_difference=5.0))
    c.add(entropyk.Splitter("tee"))
    c.add(entropyk.Economizer("economizer", effectiveness=0.8, injection_superheat=5.0))
    c.add(entropyk.ExpansionValve("main_valve"))
    c.add(entropyk.FixedSaturationEvaporator("evap", saturation_temperature=258.15, outlet_difference=5.0))
    c.add(entropyk.ExpansionValve("injection_valve"))
    c.connect("comp.discharge", "cond", "tee")
    c.connect("tee.outlet_a", "economizer.hot_in")
    c.connect("economizer.hot_out", "main_valve", "evap", "comp.suction")
    c.connect("tee.outlet_b", "injection_valve", "economizer.cold_in")
    c.connect("economizer.cold_out", "comp.injection")
    return c


def test_vapour_injection_displacement_and_map(no_leak):
    """The displacement form delivers rho_s V N eta_vol; the map form the map's hand values
    (0.047 kg/s and 6255 W at -15 / 45 C, tests/cycles/vapour_injection.test.cpp)."""
    with _vi_heat_pump(entropyk.VapourInjectionCompressor("comp", isentropic_efficiency=0.7, displacement=20e-6,
                                                          speed=50.0, volumetric_efficiency=0.9)) as c:
        conn = c.solve().connections()
        suction = conn[conn.from_name == "evap"].iloc[0]
        assert rel(suction["m"], suction["rho"] * 20e-6 * 50.0 * 0.9) < 1e-9
    heat_pump_map = {"units": "si_kg_per_s", "rated_superheat": 5.0, "rated_frequency": 50.0, "speed": 50.0,
                     "mass_flow_coefficients": [0.08, 0.0016, -0.0002, 0, 0, 0, 0, 0, 0, 0],
                     "power_coefficients": [3000, -40, 50, 0, 0, 0.2, 0, 0, 0, 0]}
    with _vi_heat_pump(entropyk.VapourInjectionCompressor("comp", map=heat_pump_map)) as c:
        r = c.solve()
        comps = r.components()
        assert rel(comps.loc["comp", "electrical_power"], 6255.0) < 1e-9
        conn = r.connections()
        assert rel(conn[conn.from_name == "evap"].iloc[0]["m"], 0.047) < 1e-9
        clone = pickle.loads(pickle.dumps(c))
        assert rel(clone.solve().summary()["COP_heating"], r.summary()["COP_heating"]) < 1e-9
        clone.close()
    with pytest.raises(TypeError, match="either map or displacement"):
        entropyk.VapourInjectionCompressor("comp", map=heat_pump_map, displacement=1e-5, speed=50.0,
                                           volumetric_efficiency=0.9)
