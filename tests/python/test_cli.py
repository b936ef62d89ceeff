"""The package and the `entropyk` command solve the same cycle to the same figures."""

import json
import subprocess
from pathlib import Path

import pytest

import entropyk

ROOT = Path(__file__).resolve().parents[2]
CYCLES = ROOT / "examples" / "cycles"


def cli_results(cli, path):
    out = subprocess.run([cli, "solve", str(path), "--format", "json"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["results"]


def r410a_heat_pump_in_code():
    """examples/cycles/r410a_heat_pump.json rebuilt with the package's constructors, in SI units
    (the file's degC and degF converted as the cycle-file reader does)."""
    c = entropyk.Cycle("R410A", "eos")
    c.add(entropyk.Compressor(
        name="compressor", units="ip", rated_superheat=20.0 * 5.0 / 9.0, rated_frequency=60.0, speed=60.0,
        mass_flow_coefficients=[217.3163128, 5.094492028, -0.593170311, 4.38e-02, -2.14e-02, 1.04e-02, 7.90e-05,
                                -5.73e-05, 1.79e-04, -8.08e-05],
        power_coefficients=[-561.3615705, -15.62601841, 46.92506685, -0.217949552, 0.435062616, -0.442400826,
                            2.25e-04, 2.37e-03, -3.32e-03, 2.50e-03]))
    c.add(entropyk.Condenser(name="condenser", model="moving_boundary", UA=2400.0, secondary="air",
                             secondary_inlet_temperature=35.0 + 273.15, secondary_mass_flow=1.4,
                             arrangement="cross_flow", subcooling_specified=1, subcooling=7.0))
    c.add(entropyk.ExpansionValve(name="valve", mode="fixed_superheat", superheat=5.0))
    c.add(entropyk.Evaporator(name="evaporator", model="moving_boundary", UA=1300.0, secondary="air",
                              secondary_inlet_temperature=27.0 + 273.15, secondary_mass_flow=0.6,
                              arrangement="cross_flow"))
    c.connect("compressor", "condenser", "valve", "evaporator", "compressor")
    return c


def compare(summary, ref, rel=1e-9):
    pairs = {"cooling_capacity": "cooling_capacity_W", "heating_capacity": "heating_capacity_W",
             "compressor_power": "compressor_power_W", "COP_cooling": "cop_cooling", "COP_heating": "cop_heating",
             "superheat": "superheat_K", "subcooling": "subcooling_K"}
    for ours, theirs in pairs.items():
        assert summary[ours] == pytest.approx(ref[theirs], rel=rel, abs=1e-9), ours


def test_heat_pump_built_in_code_matches_the_cli(cli, no_leak):
    ref = cli_results(cli, CYCLES / "r410a_heat_pump.json")
    with r410a_heat_pump_in_code() as c, c.solve() as r:
        compare(r.summary(), ref)
        assert r.summary()["COP_heating"] > 3.0


@pytest.mark.parametrize("name", sorted(p.name for p in CYCLES.glob("*.json")))
def test_cycle_files_match_the_cli(cli, name):
    if not hasattr(entropyk._lib.lib, "entropyk_system_from_json"):
        pytest.skip("this library has no cycle-file loader yet (entropyk_system_from_json)")
    ref = cli_results(cli, CYCLES / name)
    with entropyk.Cycle.from_file(CYCLES / name) as c, c.solve() as r:
        compare(r.summary(), ref, rel=1e-12)  # the same reader and solve as the command


def test_refused_cycle_text_gives_the_readers_reason(no_leak):
    with pytest.raises(entropyk.EntropykError) as e:
        entropyk.Cycle.from_json('{"refrigerant": "R134a"}', "x.json")
    assert e.value.code == entropyk.EntropykErrorCode.INVALID_ARGUMENT
    assert e.value.message == ("x.json: /components: expected an array of components (at least 2), got nothing "
                               "(the key is missing)")


def test_file_cycle_pickles_and_sweeps(no_leak):
    import pickle

    import numpy as np
    import pandas as pd
    with entropyk.Cycle.from_file(CYCLES / "r410a_heat_pump.json") as c:
        assert c.component_names == ["compressor", "condenser", "valve", "evaporator"]
        with pickle.loads(pickle.dumps(c)) as d:
            assert d.component_names == c.component_names
            assert d.solve().summary()["COP_heating"] == c.copy().solve().summary()["COP_heating"]
        pts = pd.DataFrame({"evaporator.secondary_inlet_temperature": np.linspace(295.15, 300.15, 20)})
        out = entropyk.sweep(c, pts)
        assert (out["status"] == 0).all() and out["COP_cooling"].is_monotonic_increasing
