#!/usr/bin/python3
"""Transcribe CoolProp's fluid files into Entropyk's own compact per-fluid data files.

Run once (by hand) when the source data changes:

    /usr/bin/python3 codegen/fluids/transcribe.py /path/to/reference/coolprop-fluids

It reads each CoolProp JSON file once and writes codegen/fluids/data/<fluid>.json holding only
what the Helmholtz engine uses: EOS terms, reducing/critical/triple states, limits, R and M,
saturation ancillaries, the superancillary Chebyshev expansions, and the full literature
citations. The build never reads the CoolProp files; generate_headers.py turns the data files
into include/entropyk/fluids/data/<fluid>.hpp.
"""
import json
import math
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent

# Full literature references for the BibTeX keys that CoolProp's files carry.
CITATIONS = {
    "TillnerRoth-JPCRD-1994": (
        "R. Tillner-Roth, H. D. Baehr, \"An International Standard Formulation for the "
        "Thermodynamic Properties of 1,1,1,2-Tetrafluoroethane (HFC-134a) for Temperatures from "
        "170 K to 455 K and Pressures up to 70 MPa\", J. Phys. Chem. Ref. Data 23(5), 657-729 (1994)"),
    "TillnerRoth-JPCRD-1997": (
        "R. Tillner-Roth, A. Yokozeki, \"An International Standard Equation of State for "
        "Difluoromethane (R-32) for Temperatures from the Triple Point at 136.34 K to 435 K and "
        "Pressures up to 70 MPa\", J. Phys. Chem. Ref. Data 26(6), 1273-1328 (1997)"),
    "Lemmon-JCED-2009": (
        "E. W. Lemmon, M. O. McLinden, W. Wagner, \"Thermodynamic Properties of Propane. III. A "
        "Reference Equation of State for Temperatures from the Melting Line to 650 K and "
        "Pressures up to 1000 MPa\", J. Chem. Eng. Data 54(12), 3141-3180 (2009)"),
    "Span-JPCRD-1996": (
        "R. Span, W. Wagner, \"A New Equation of State for Carbon Dioxide Covering the Fluid "
        "Region from the Triple-Point Temperature to 1100 K at Pressures up to 800 MPa\", "
        "J. Phys. Chem. Ref. Data 25(6), 1509-1596 (1996)"),
    "Lemmon-IJT-2022": (
        "E. W. Lemmon, R. Akasaka, \"An International Standard Formulation for "
        "2,3,3,3-Tetrafluoroprop-1-ene (R1234yf) Covering Temperatures from the Triple-Point "
        "Temperature to 410 K and Pressures Up to 100 MPa\", Int. J. Thermophys. 43, 119 (2022)"),
    "Gao-JPCRD-2020": (
        "K. Gao, J. Wu, I. H. Bell, A. H. Harvey, E. W. Lemmon, \"A Reference Equation of State "
        "with an Associating Term for the Thermodynamic Properties of Ammonia\", J. Phys. Chem. "
        "Ref. Data 52(1), 013102 (2023); accepted 2020 (CoolProp key Gao-JPCRD-2020)"),
    "Lemmon-IJT-2003": (
        "E. W. Lemmon, \"Pseudo-Pure Fluid Equations of State for the Refrigerant Blends R-410A, "
        "R-404A, R-507A, and R-407C\", Int. J. Thermophys. 24(4), 991-1006 (2003)"),
    "Wagner-JPCRD-2002": (
        "W. Wagner, A. Pruss, \"The IAPWS Formulation 1995 for the Thermodynamic Properties of "
        "Ordinary Water Substance for General and Scientific Use\", J. Phys. Chem. Ref. Data "
        "31(2), 387-535 (2002)"),
    "Lemmon-JPCRD-2005": (
        "E. W. Lemmon, R. T Jacobsen, \"A New Functional Form and New Fitting Techniques for "
        "Equations of State with Application to Pentafluoroethane (HFC-125)\", J. Phys. Chem. Ref. "
        "Data 34(1), 69-108 (2005), doi:10.1063/1.1797813"),
    "LemmonJacobsen-JPCRD-2000": (
        "E. W. Lemmon, R. T Jacobsen, \"An International Standard Formulation for the "
        "Thermodynamic Properties of 1,1,1-Trifluoroethane (HFC-143a) for Temperatures From 161 to "
        "450 K and Pressures to 50 MPa\", J. Phys. Chem. Ref. Data 29(4), 521-552 (2000), "
        "doi:10.1063/1.1318909"),
    "Thol-IJT-2016-R1234zeE": (
        "M. Thol, E. W. Lemmon, \"Equation of State for the Thermodynamic Properties of "
        "trans-1,3,3,3-Tetrafluoropropene [R-1234ze(E)]\", Int. J. Thermophys. 37, 28 (2016), "
        "doi:10.1007/s10765-016-2040-6"),
    "Buecker-JPCRD-2006B": (
        "D. Buecker, W. Wagner, \"Reference Equations of State for the Thermodynamic Properties of "
        "Fluid Phase n-Butane and Isobutane\", J. Phys. Chem. Ref. Data 35(2), 929-1019 (2006), "
        "doi:10.1063/1.1901687"),
    "Kamei-IJT-1995": (
        "A. Kamei, S. W. Beyerlein, R. T Jacobsen, \"Application of Nonlinear Regression in the "
        "Development of a Wide Range Formulation for HCFC-22\", Int. J. Thermophys. 16(5), "
        "1155-1164 (1995), doi:10.1007/BF02081283"),
    "Akasaka-JPCRD-2022-R1233zdE": (
        "R. Akasaka, E. W. Lemmon, \"An International Standard Formulation for "
        "trans-1-Chloro-3,3,3-trifluoroprop-1-ene [R1233zd(E)] Covering Temperatures from the "
        "Triple-Point Temperature to 450 K and Pressures up to 100 MPa\", J. Phys. Chem. Ref. Data "
        "51(2), 023101 (2022)"),
    "Outcalt-JPCRD-1996-R152A": (
        "S. L. Outcalt, M. O. McLinden, \"A Modified Benedict-Webb-Rubin Equation of State for the "
        "Thermodynamic Properties of R152a (1,1-Difluoroethane)\", J. Phys. Chem. Ref. Data 25(2), "
        "605-636 (1996), doi:10.1063/1.555979; used here in the Helmholtz-energy form of CoolProp's "
        "fluid file"),
    "Lemmon-PROPYLENE-2013": (
        "E. W. Lemmon, M. O. McLinden, U. Overhoff, W. Wagner, \"Equation of State for "
        "Propylene\" (CoolProp key Lemmon-PROPYLENE-2013; its BibTeX entry gives no journal, year "
        "2010: the equation as distributed with REFPROP and CoolProp, later submitted to J. Phys. "
        "Chem. Ref. Data)"),
    "Lemmon-JCED-2016-365227": (
        "E. W. Lemmon, R. Span, \"Thermodynamic Properties of R-227ea, R-365mfc, R-115, and "
        "R-13I1\", J. Chem. Eng. Data 60(12), 3745-3758 (2015), doi:10.1021/acs.jced.5b00684"),
}
SUPERANCILLARY_CITATION = (
    "I. H. Bell et al., \"Superancillary Equations for the Multiparameter Equations of State in "
    "REFPROP 10.0\" (NIST; code: github.com/usnistgov/fastchebpure); method: I. H. Bell, \"Efficient "
    "and Precise Representation of Pure Fluid Phase Equilibria with Chebyshev Expansions\". "
    "Chebyshev expansions as distributed with CoolProp 8.0.0 (fluid files, key SUPERANCILLARY)")
IIR_NOTE = ("IIR reference state offset (h = 200 kJ/kg, s = 1 kJ/(kg K) for saturated liquid at "
            "0 degC) as given in CoolProp 8.0.0's fluid file")

# Our canonical name -> (CoolProp file stem, extra aliases, paper temperature limit or None).
FLUIDS = {
    "R134a": ("R134a", ["R134a", "HFC134a", "HFC-134a", "R-134a"], None),
    "R32": ("R32", ["R32", "R-32", "HFC32", "Difluoromethane"], None),
    "R290": ("n-Propane", ["R290", "R-290", "Propane", "n-Propane", "nPropane", "C3H8"], None),
    "R744": ("CarbonDioxide", ["R744", "R-744", "CO2", "CarbonDioxide", "Carbon dioxide"], 1100.0),
    "R1234yf": ("R1234yf", ["R1234yf", "R-1234yf", "HFO1234yf", "HFO-1234yf"], None),
    "R717": ("Ammonia", ["R717", "R-717", "Ammonia", "NH3"], None),
    "R410A": ("R410A", ["R410A", "R-410A"], None),
    "Water": ("Water", ["Water", "R718", "R-718", "H2O"], 1273.0),
    "R125": ("R125", ["R125", "R-125", "HFC125", "HFC-125", "Pentafluoroethane"], None),
    "R143a": ("R143a", ["R143a", "R-143a", "HFC143a", "HFC-143a"], None),
    "R1234ze(E)": ("R1234ze(E)", ["R1234ze(E)", "R-1234ze(E)", "R1234ze", "R1234zeE", "HFO1234ze(E)",
                                  "HFO-1234ze(E)", "HFO1234ze"], None),
    "R600a": ("IsoButane", ["R600a", "R-600a", "Isobutane", "i-Butane", "2-Methylpropane"], None),
    "R22": ("R22", ["R22", "R-22", "HCFC22", "HCFC-22", "Chlorodifluoromethane"], None),
    "R1233zd(E)": ("R1233zd(E)", ["R1233zd(E)", "R-1233zd(E)", "R1233zd", "R1233zdE",
                                  "HCFO1233zd(E)", "HCFO-1233zd(E)"], None),
    "R152a": ("R152A", ["R152a", "R-152a", "HFC152a", "HFC-152a", "1,1-Difluoroethane"], None),
    "R1270": ("Propylene", ["R1270", "R-1270", "Propylene", "Propene"], None),
    "R227ea": ("R227EA", ["R227ea", "R-227ea", "HFC227ea", "HFC-227ea"], None),
}


def power_terms(t):
    """ResidualHelmholtzPower, and ResidualHelmholtzLemmon2005 (Lemmon & Jacobsen 2005, R125), whose
    terms carry an extra factor exp(-tau^m) (absent where m == 0, as in CoolProp's evaluation)."""
    out = []
    zeros = [0] * len(t["n"])
    for n, tt, d, l, m in zip(t["n"], t["t"], t["d"], t.get("l", zeros), t.get("m", zeros)):
        assert float(d).is_integer() and float(l).is_integer(), "non-integer d or l"
        out.append({"n": n, "t": tt, "d": int(d), "l": int(l), "m": float(m)})
    return out


def cp0_terms(t, alpha0):
    """Folds CoolProp's IdealGasHelmholtzCP0Constant / IdealGasHelmholtzCP0PolyT into the lead
    constants, the ln(tau) coefficient and tau-power terms. Both give alpha0 as the integral of
    c_p0/R = sum c_i T^t_i from T0 (h0 and s0 contributions zero at T0), with tau = Tc/T:
      t == 0:  c (1 - tau/tau0 + ln(tau/tau0)),   tau0 = Tc/T0
      t != 0:  -c Tc^t tau^(-t) / (t (t+1)) - c T0^(t+1) tau / (Tc (t+1)) + c T0^t / t
    (Span 2000, Multiparameter Equations of State, Sec. 3.1.4). t == -1 does not occur."""
    Tc, T0 = t["Tc"], t["T0"]
    if t["type"] == "IdealGasHelmholtzCP0Constant":
        pairs = [(t["cp_over_R"], 0.0)]
    else:
        pairs = list(zip(t["c"], t["t"]))
    for c, e in pairs:
        if e == 0:
            tau0 = Tc / T0
            alpha0["cp0_lead"][0] += c - c * math.log(tau0)
            alpha0["cp0_lead"][1] += -c / tau0
            alpha0["log_tau"] += c
        else:
            assert e != -1, "t == -1 c_p0 term not supported"
            alpha0["power"].append({"n": -c * Tc**e / (e * (e + 1)), "t": -e})
            alpha0["cp0_lead"][0] += c * T0**e / e
            alpha0["cp0_lead"][1] += -c * T0**(e + 1) / (Tc * (e + 1))


def gaussian_terms(t, with_b=False):
    keys = ["n", "t", "d", "eta", "epsilon", "beta", "gamma"] + (["b"] if with_b else [])
    out = []
    for vals in zip(*(t[k] for k in keys)):
        row = dict(zip(keys, vals))
        assert float(row["d"]).is_integer()
        row["d"] = int(row["d"])
        out.append(row)
    return out


def nonanalytic_terms(t):
    keys = ["n", "a", "b", "beta", "A", "B", "C", "D"]
    return [dict(zip(keys, vals)) for vals in zip(*(t[k] for k in keys))]


def ancillary(a):
    kind = {"pL": "p_exp", "pV": "p_exp", "rhoV": "exp", "rhoL": "exp", "rhoLnoexp": "noexp"}[a["type"]]
    return {"kind": kind, "T_r": a["T_r"], "reducing_value": a["reducing_value"],
            "using_tau_r": bool(a["using_tau_r"]), "n": a["n"], "t": a["t"],
            "T_min": a["Tmin"], "T_max": a["Tmax"]}


def transcribe(src_dir, name):
    stem, aliases, paper_tmax = FLUIDS[name]
    d = json.loads((src_dir / f"{stem}.json").read_text())
    e = d["EOS"][0]
    M = e["molar_mass"]
    alpha0 = {"lead": [0.0, 0.0], "log_tau": 0.0, "power": [], "planck_einstein": [],
              "offset": None, "cp0_lead": [0.0, 0.0]}
    for t in e["alpha0"]:
        ty = t["type"]
        if ty == "IdealGasHelmholtzLead":
            alpha0["lead"] = [t["a1"], t["a2"]]
        elif ty == "IdealGasHelmholtzLogTau":
            alpha0["log_tau"] += t["a"]
        elif ty == "IdealGasHelmholtzPower":
            alpha0["power"] += [{"n": n, "t": tt} for n, tt in zip(t["n"], t["t"])]
        elif ty == "IdealGasHelmholtzPlanckEinstein":
            alpha0["planck_einstein"] += [{"n": n, "t": tt} for n, tt in zip(t["n"], t["t"])]
        elif ty == "IdealGasHelmholtzEnthalpyEntropyOffset":
            alpha0["offset"] = {"a1": t["a1"], "a2": t["a2"], "reference": t.get("reference", "")}
        elif ty in ("IdealGasHelmholtzCP0Constant", "IdealGasHelmholtzCP0PolyT"):
            cp0_terms(t, alpha0)
        else:
            raise SystemExit(f"{name}: unsupported ideal-gas term {ty}")
    alphar = {"power": [], "gaussian": [], "gao_b": [], "non_analytic": []}
    for t in e["alphar"]:
        ty = t["type"]
        if ty in ("ResidualHelmholtzPower", "ResidualHelmholtzLemmon2005"):
            alphar["power"] += power_terms(t)
        elif ty == "ResidualHelmholtzGaussian":
            alphar["gaussian"] += gaussian_terms(t)
        elif ty == "ResidualHelmholtzGaoB":
            alphar["gao_b"] += gaussian_terms(t, with_b=True)
        elif ty == "ResidualHelmholtzNonAnalytic":
            alphar["non_analytic"] += nonanalytic_terms(t)
        else:
            raise SystemExit(f"{name}: unsupported residual term {ty}")

    anc = d["ANCILLARIES"]
    ancillaries = {"rhoL": ancillary(anc["rhoL"]), "rhoV": ancillary(anc["rhoV"])}
    if e["pseudo_pure"]:
        ancillaries["pL"] = ancillary(anc["pL"])
        ancillaries["pV"] = ancillary(anc["pV"])
    else:
        ancillaries["pS"] = ancillary(anc["pS"])

    sa = e.get("SUPERANCILLARY")
    superanc = None
    if sa is not None:
        def exps(key):
            return [{"xmin": x["xmin"], "xmax": x["xmax"], "coef": x["coef"]} for x in sa[key]]
        superanc = {"T_crit_true": sa["meta"]["Tcrittrue / K"],
                    "rhomolar_crit_true": sa["meta"]["rhocrittrue / mol/m^3"],
                    "p": exps("jexpansions_p"), "rhoL": exps("jexpansions_rhoL"),
                    "rhoV": exps("jexpansions_rhoV")}

    crit = d["STATES"]["critical"]
    red = e["STATES"]["reducing"]
    tl, tv = d["STATES"]["triple_liquid"], d["STATES"]["triple_vapor"]
    T_min = max(e["Ttriple"], tl["T"])
    eos_cit = CITATIONS[e["BibTeX_EOS"]]
    cp0_key = e["BibTeX_CP0"] or e["BibTeX_EOS"]
    return {
        "name": name,
        "coolprop_name": d["INFO"]["NAME"],
        "aliases": aliases,
        "citation": {
            "eos": eos_cit,
            "eos_key": e["BibTeX_EOS"],
            "ideal_gas": CITATIONS[cp0_key] + (("; " + IIR_NOTE) if alpha0["offset"] else ""),
            "superancillary": SUPERANCILLARY_CITATION if superanc else None,
            "data_source": "CoolProp 8.0.0 fluid file dev/fluids/%s.json" % stem,
        },
        "pseudo_pure": bool(e["pseudo_pure"]),
        "molar_mass": M,
        "gas_constant": e["gas_constant"],
        "reducing": {"T": red["T"], "rhomolar": red["rhomolar"]},
        "critical": {"T": crit["T"], "p": crit["p"], "rhomolar": crit["rhomolar"]},
        "triple": {"T": e["Ttriple"], "p_liquid": tl["p"], "p_vapor": tv["p"],
                   "rhomolar_liquid": tl["rhomolar"], "rhomolar_vapor": tv["rhomolar"]},
        "T_min": T_min,
        "T_max": paper_tmax if paper_tmax is not None else e["T_max"],
        "p_max": e["p_max"],
        "alpha0": alpha0,
        "alphar": alphar,
        "ancillaries": ancillaries,
        "superancillary": superanc,
    }


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: transcribe.py DIRECTORY_OF_COOLPROP_FLUID_FILES")
    src = pathlib.Path(sys.argv[1])
    out_dir = HERE / "data"
    out_dir.mkdir(exist_ok=True)
    for name in FLUIDS:
        data = transcribe(src, name)
        (out_dir / f"{name}.json").write_text(json.dumps(data, indent=1) + "\n")
        print(f"wrote {out_dir / (name + '.json')}")


if __name__ == "__main__":
    main()
