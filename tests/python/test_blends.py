"""Refrigerant blends through the package: Fluid("R454B"), its composition and glide, a blend on
property tables, and the R454B heat pump of examples/cycles solved from its file."""

from pathlib import Path

import pytest

import entropyk

CYCLES = Path(__file__).resolve().parents[2] / "examples" / "cycles"


def test_blend_fluid_composition_and_glide(no_leak):
    with entropyk.Fluid("R454B") as f:
        assert f.name == "R454B"
        assert f.components() == ["R32", "R1234yf"]
        info = f.blend_info(1e6)
        assert info["components"] == ["R32", "R1234yf"]
        assert abs(info["mass_fraction"][0] - 0.689) < 1e-7
        assert abs(sum(info["mass_fraction"]) - 1.0) < 1e-15
        assert info["glide"] == info["T_dew"] - info["T_bubble"]
        assert 0.8 < info["glide"] < 2.0
        # (p, q) states: T glides from the bubble point (q = 0) to the dew point (q = 1).
        bub, dew = f.state(p=1e6, q=0.0), f.state(p=1e6, q=1.0)
        assert abs(bub.T - info["T_bubble"]) < 1e-7 and abs(dew.T - info["T_dew"]) < 1e-7
        assert f.glide(1e6) == info["glide"]
        with pytest.raises(entropyk.EntropykError) as e:
            f.blend_info(6e6)
        assert e.value.code == entropyk.EntropykErrorCode.FLUID_ERROR
        assert "R454B: no saturation state at p = 6e+06 Pa" in e.value.message
    with entropyk.Fluid("R134a") as pure:
        assert pure.components() == ["R134a"]
        assert pure.glide(5e5) == 0.0
    with entropyk.Fluid("R32[0.689]&R1234yf[0.311]") as user:
        assert user.name == "R32[0.689]&R1234yf[0.311]"
        assert user.blend_info(1e6)["mass_fraction"] == [0.689, 0.311]


def test_blend_on_tables(no_leak):
    # R454B's tables are built once per process (about 1 s) and shared by every handle.
    with entropyk.Fluid("R454B", backend="tables") as t, entropyk.Fluid("R454B") as e:
        assert repr(t) == "Fluid('R454B', backend='tables')"
        a, b = t.state(p=1e6, q=0.4), e.state(p=1e6, q=0.4)
        assert a.T != b.T and abs(a.T / b.T - 1) < 1e-7 and abs(a.h / b.h - 1) < 1e-6
        v, w = t.state(p=1e6, T=320.0), e.state(p=1e6, T=320.0)
        assert abs(v.h / w.h - 1) < 1e-6 and abs(v.cp / w.cp - 1) < 1e-4
        arr = t.state(p=[1e6, 1e6], h=[b.h, w.h])
        assert abs(arr["T"][0] / b.T - 1) < 1e-7 and abs(arr["T"][1] / 320.0 - 1) < 1e-7


def test_r454b_heat_pump_from_its_file(no_leak):
    def solve(name):
        with entropyk.Cycle.from_file(CYCLES / name) as c:
            with c.solve() as r:
                assert r.ok
                return r.summary()
    r454b, r410a = solve("r454b_heat_pump.json"), solve("r410a_heat_pump.json")
    for s in (r454b, r410a):
        assert abs(s["heating_capacity"] - s["cooling_capacity"] - s["compressor_power"]) < 1e-6 * s[
            "heating_capacity"]
        assert abs(s["superheat"] - 5.0) < 1e-6 and abs(s["subcooling"] - 7.0) < 1e-6
    assert 0.85 * r410a["COP_heating"] < r454b["COP_heating"] < 1.15 * r410a["COP_heating"]
