#!/usr/bin/python3
"""Which refrigerant for an air-to-water heat pump? COP and heating capacity against the outdoor
temperature for R410A, R32, R290 and R454B in the same machine (same compressor displacement and
isentropic efficiency, same heat exchangers, water heated from 30 C, a TXV holding 5 K of
superheat), one entropyk.sweep per refrigerant, plotted with matplotlib to a PNG.

    PYTHONPATH=build/release/python /usr/bin/python3 examples/python/compare_refrigerants.py out.png

R454B (R32/R1234yf, the R410A replacement in new US equipment) is a blend with a glide of about
1.5 K: its superheat and subcooling count from the dew and bubble points, and the moving-boundary
exchangers follow the glide along their two-phase zones (docs/fluids.md, "Blends").
"""

import sys

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import entropyk  # noqa: E402

REFRIGERANTS = ("R410A", "R32", "R290", "R454B")
OUTDOOR_C = np.arange(-15.0, 15.5, 1.0)  # outdoor air temperature [degC]


def heat_pump(refrigerant: str) -> entropyk.Cycle:
    """Compressor -> water-cooled condenser -> TXV -> air-heated evaporator (SI units)."""
    c = entropyk.Cycle(refrigerant, backend="eos")
    c.add(entropyk.IsentropicCompressor(name="compressor", flow_law="displacement", isentropic_efficiency=0.7,
                                        displacement=3.0e-5, speed=50.0, volumetric_efficiency=0.92))
    c.add(entropyk.Condenser(name="condenser", model="moving_boundary", UA=1500.0, secondary="water",
                             arrangement="counter_flow", secondary_inlet_temperature=303.15, secondary_mass_flow=0.25,
                             subcooling_specified=1, subcooling=3.0))
    c.add(entropyk.ExpansionValve(name="valve", mode="fixed_superheat", superheat=5.0))
    c.add(entropyk.Evaporator(name="evaporator", model="moving_boundary", UA=1200.0, secondary="air",
                              arrangement="cross_flow", secondary_inlet_temperature=280.15, secondary_mass_flow=0.8))
    c.connect("compressor", "condenser", "valve", "evaporator", "compressor")
    return c


def main(out_png: str) -> int:
    points = pd.DataFrame({"evaporator.secondary_inlet_temperature": OUTDOOR_C + 273.15})
    fig, (ax_cop, ax_q) = plt.subplots(1, 2, figsize=(11, 4.2))
    for refrigerant in REFRIGERANTS:
        with heat_pump(refrigerant) as cycle:
            res = entropyk.sweep(cycle, points)  # one C call, warm-started along the temperatures
        ok = res["status"] == 0
        if not ok.all():
            print(f"{refrigerant}: {int((~ok).sum())} points did not solve", file=sys.stderr)
        ax_cop.plot(OUTDOOR_C[ok], res["COP_heating"][ok], marker="o", ms=3, label=refrigerant)
        ax_q.plot(OUTDOOR_C[ok], res["heating_capacity"][ok] / 1e3, marker="o", ms=3, label=refrigerant)
        i = int(np.argmin(np.abs(OUTDOOR_C - 7.0)))
        print(f"{refrigerant:6s} at 7 C outdoor: COP {res['COP_heating'].iloc[i]:.2f}, "
              f"heating {res['heating_capacity'].iloc[i] / 1e3:.2f} kW")
    ax_cop.set(xlabel="outdoor air temperature [°C]", ylabel="COP (heating)", title="Efficiency")
    ax_q.set(xlabel="outdoor air temperature [°C]", ylabel="heating capacity [kW]",
             title="Capacity (same compressor displacement)")
    for ax in (ax_cop, ax_q):
        ax.grid(alpha=0.3)
        ax.legend()
    fig.suptitle("Air-to-water heat pump, water in at 30 °C (Entropyk, equation of state)")
    fig.tight_layout()
    fig.savefig(out_png, dpi=110, metadata={"Software": None})  # no version stamp: a stable file
    print(f"wrote {out_png}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "compare_refrigerants.png"))
