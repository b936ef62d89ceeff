#!/usr/bin/python3
"""Transcribe CoolProp's mixture files into Entropyk's own mixture data file.

Run once (by hand) when the source data changes:

    /usr/bin/python3 codegen/fluids/transcribe_mixtures.py /path/to/reference/coolprop-fluids/mixtures

It reads mixture_binary_pairs.json, mixture_departure_functions.json and predefined_mixtures.json
and writes codegen/fluids/data/mixtures.json holding only what the blends of BLENDS need: per
binary pair the reducing parameters in the Kunz-Wagner (GERG-2008) form (beta_T, gamma_T, beta_v,
gamma_v), the weight F and the departure function terms, each with its full literature citation;
and the blend compositions (mole fractions). Pairs published in Lemmon & Jacobsen's form (xi in K,
zeta in m3/mol) are converted to the Kunz-Wagner form with the components' EOS reducing values
(beta = 1; gamma_T = (Tc_i + Tc_j + xi) / (2 sqrt(Tc_i Tc_j)),
gamma_v = (vc_i + vc_j + zeta) / (1/4 (vc_i^(1/3) + vc_j^(1/3))^3)), which is algebraically the
same reducing function for every composition. generate_mixtures.py turns the data file into
include/entropyk/fluids/data/mixtures.hpp.
"""
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent

CITATIONS = {
    "Lemmon-JPCRD-2004": (
        "E. W. Lemmon, R. T Jacobsen, \"Equations of State for Mixtures of R-32, R-125, R-134a, "
        "R-143a, and R-152a\", J. Phys. Chem. Ref. Data 33(2), 593-620 (2004), "
        "doi:10.1063/1.1649997"),
    "Bell-JPCRD-2023": (
        "I. H. Bell, \"Mixture Model for Refrigerant Pairs R-32/1234yf, R-32/1234ze(E), "
        "R-1234ze(E)/227ea, R-1234yf/152a, and R-125/1234yf\", J. Phys. Chem. Ref. Data 52(1), "
        "013101 (2023), doi:10.1063/5.0135368"),
    "Bell-JPCRD-2022": (
        "I. H. Bell, \"Mixture Models for Refrigerants R-1234yf/134a, R-1234yf/1234ze(E), and "
        "R-134a/1234ze(E) and Interim Models for R-125/1234yf, R-1234ze(E)/227ea, and "
        "R-1234yf/152a\", J. Phys. Chem. Ref. Data 51(1), 013103 (2022), doi:10.1063/5.0086060"),
    "Bell-JCED-2025": (
        "I. H. Bell, \"Modeling Mixtures Containing Refrigerants: Updated Interaction "
        "Parameters\", J. Chem. Eng. Data (2025), doi:10.1021/acs.jced.4c00699 (reducing "
        "parameters only, no departure function)"),
}

# The blends to support (CoolProp's predefined names) and their ASHRAE 34 nominal mass fractions.
BLENDS = ["R454B", "R452B", "R407C", "R404A", "R448A", "R449A", "R513A", "R410A"]
# Our canonical fluid names (codegen/fluids/data/<name>.json) by upper-cased CoolProp name.
FLUID_NAMES = {n.upper(): n for n in ["R32", "R125", "R134a", "R143a", "R1234yf", "R1234ze(E)"]}


def pure(name):
    d = json.loads((HERE / "data" / f"{name}.json").read_text())
    return d["reducing"]["T"], d["reducing"]["rhomolar"]


def main():
    src = pathlib.Path(sys.argv[1])
    pairs = json.loads((src / "mixture_binary_pairs.json").read_text())
    funcs = {f["Name"]: f for f in json.loads((src / "mixture_departure_functions.json").read_text())}
    predefined = {m["name"]: m for m in json.loads((src / "predefined_mixtures.json").read_text())}

    blends = []
    needed = set()
    for b in BLENDS:
        m = predefined[b]
        comps = [FLUID_NAMES[c.upper()] for c in m["fluids"]]
        blends.append({"name": b, "components": comps, "mole_fractions": m["mole_fractions"],
                       "data_source": "CoolProp 8.0.0 dev/mixtures/predefined_mixtures.json"})
        for i in range(len(comps)):
            for j in range(i + 1, len(comps)):
                needed.add(frozenset((comps[i], comps[j])))

    out_pairs = []
    for p in pairs:
        n1, n2 = FLUID_NAMES.get(p["Name1"].upper()), FLUID_NAMES.get(p["Name2"].upper())
        if n1 is None or n2 is None or frozenset((n1, n2)) not in needed:
            continue
        needed.discard(frozenset((n1, n2)))
        e = {"name1": n1, "name2": n2, "CAS1": p["CAS1"], "CAS2": p["CAS2"], "F": p.get("F", 0.0),
             "citation": CITATIONS[p["BibTeX"]], "key": p["BibTeX"],
             "data_source": "CoolProp 8.0.0 dev/mixtures/mixture_binary_pairs.json"}
        if "xi" in p:
            (T1, r1), (T2, r2) = pure(n1), pure(n2)
            v1, v2 = 1.0 / r1, 1.0 / r2
            e["lemmon_xi_K"], e["lemmon_zeta_m3_per_mol"] = p["xi"], p["zeta"]
            e["beta_T"], e["beta_v"] = 1.0, 1.0
            e["gamma_T"] = (T1 + T2 + p["xi"]) / (2.0 * (T1 * T2) ** 0.5)
            e["gamma_v"] = (v1 + v2 + p["zeta"]) / (0.25 * (v1 ** (1 / 3) + v2 ** (1 / 3)) ** 3)
        else:
            for k, ours in (("betaT", "beta_T"), ("gammaT", "gamma_T"), ("betaV", "beta_v"),
                            ("gammaV", "gamma_v")):
                e[ours] = p[k]
        if e["F"] != 0.0:
            f = funcs[p["function"]]
            assert f["type"] == "Exponential", f["type"]
            e["departure"] = {"name": f["Name"], "citation": CITATIONS[f["BibTeX"]],
                              "n": f["n"], "t": f["t"], "d": f["d"], "l": f["l"]}
        out_pairs.append(e)
    assert not needed, needed
    doc = {"note": "beta_T and beta_v refer to the order (name1, name2); the swapped order uses 1/beta",
           "pairs": out_pairs, "blends": blends}
    (HERE / "data" / "mixtures.json").write_text(json.dumps(doc, indent=1) + "\n")


if __name__ == "__main__":
    main()
