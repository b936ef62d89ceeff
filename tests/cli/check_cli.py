#!/usr/bin/env python3
"""Drives the `entropyk` command for the CLI tests (tests/cli/CMakeLists.txt).

  check_cli.py ENTROPYK example FILE [--check /json/pointer=value:rel_tol ...] [--max /pointer=limit ...]
                                     [--set /pointer=JSON ...] [--string /pointer=text ...] [--warning CODE ...]
      solve FILE with --format json (and table, csv), exit 0, check numbers in the JSON output; the
      warnings agree between JSON ("warnings"), table ("warning: ...") and CSV; --warning CODE
      expects a warning with that code.
  check_cli.py ENTROPYK bad BASE.json --exit N --message TEXT [--remove PTR] [--set PTR=JSON ...] [--raw PTR=TEXT ...]
                                      [--text RAW]
      write BASE with one defect as ./cycle.json in a scratch directory, solve it, expect the exit
      code and TEXT in the error message, and no output file (--svg) left behind.
  check_cli.py ENTROPYK svg [demo | solve FILE [--branch]]
      write the p-h and T-s diagrams (one of each per loop), check they are well-formed XML and
      that the dome, the processes and the state points lie inside the plot area; --branch: a
      state starts two processes and one ends two (a network's branch and merge are drawn).
  check_cli.py ENTROPYK schema [--units UNITS.hpp] [--units-doc UNITS.md] SCHEMA.json EXAMPLE.json...
      the examples follow the JSON Schema, the schema refuses typical defects, every number in it
      names its unit, and its value-with-unit forms (and docs/units.md) list the units UNITS.hpp accepts.
  check_cli.py ENTROPYK run --exit N [--stdout TEXT] [--no-stdout TEXT] [--stderr TEXT] [--value NAME=X:TOL]
                            [--json /POINTER=X:TOL|null|"text"] [--csv COLUMN=X:TOL||"text"] -- ARGS...
      any command line: expected exit code and texts; values of a JSON output or a one-row CSV output.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.dom.minidom

failures = []
# The phase names of include/entropyk/fluids/phase_name.hpp, the only ones an output may show.
PHASE_NAMES = ("subcooled liquid", "saturated liquid", "two-phase", "saturated vapour", "superheated vapour",
               "supercritical", "supercritical gas", "supercritical liquid")


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def run(exe, args, cwd=None):
    p = subprocess.run([exe] + args, capture_output=True, text=True, cwd=cwd, timeout=120)
    return p.returncode, p.stdout, p.stderr


def pointer_get(doc, ptr):
    cur = doc
    for part in ptr.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        cur = cur[int(part)] if isinstance(cur, list) else cur[part]
    return cur


def pointer_parent(doc, ptr):
    parts = ptr.split("/")[1:]
    cur = doc
    for part in parts[:-1]:
        cur = cur[int(part)] if isinstance(cur, list) else cur[part]
    last = parts[-1]
    return cur, (int(last) if isinstance(cur, list) else last)


def strip_comments(text):
    """The file without its // and /* */ comments (the command accepts them; Python's json does not)."""
    out, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch == '"':  # a string: copied whole, escapes included
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif text.startswith("/*", i):
            i = text.find("*/", i + 2) + 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def cmd_example(exe, argv):
    with tempfile.TemporaryDirectory() as d:
        example(exe, argv, d)


def example(exe, argv, scratch):
    path = argv[0]
    checks, maxima, sets, strings, warnings = [], [], [], [], []
    i = 1
    while i < len(argv):
        {"--check": checks, "--max": maxima, "--set": sets, "--string": strings,
         "--warning": warnings}[argv[i]].append(argv[i + 1])
        i += 2
    if sets:  # a variant of the file: POINTER=JSON replacements
        with open(path, encoding="utf-8") as f:
            doc = json.loads(strip_comments(f.read()))
        for s in sets:
            ptr, value = s.split("=", 1)
            parent, key = pointer_parent(doc, ptr)
            parent[key] = json.loads(value)
        path = os.path.join(scratch, os.path.basename(path))
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f)
    rc, out, err = run(exe, ["solve", path, "--format", "json"])
    if rc != 0:
        fail(f"solve {path}: exit {rc}\n{err}")
        return
    doc = json.loads(out)
    if doc["solver"]["converged"] is not True:
        fail(f"{path}: not converged: {doc['solver']}")
    for c in checks:
        ptr, rest = c.split("=")
        want, tol = (float(x) for x in rest.split(":"))
        got = pointer_get(doc, ptr)
        ok = got is not None and abs(got - want) <= tol * max(abs(want), 1.0)  # absolute near 0
        print(f"{path}: {ptr} = {got!r} (expected {want} +- {tol} rel, abs below 1): {'ok' if ok else 'WRONG'}")
        if not ok:
            fail(f"{path}: {ptr} = {got}, expected {want} within {tol} relative")
    for c in strings:
        ptr, want = c.split("=", 1)
        got = pointer_get(doc, ptr)
        print(f"{path}: {ptr} = {got!r} (expected {want!r}): {'ok' if got == want else 'WRONG'}")
        if got != want:
            fail(f"{path}: {ptr} = {got!r}, expected {want!r}")
    for c in maxima:
        ptr, limit = c.split("=")
        got = pointer_get(doc, ptr)
        ok = got is not None and abs(got) <= float(limit)
        print(f"{path}: |{ptr}| = {got!r} <= {limit}: {'ok' if ok else 'WRONG'}")
        if not ok:
            fail(f"{path}: |{ptr}| = {got} > {limit}")
    # Mass balance at every node (network branches included): what enters a component leaves it.
    net = {}
    for s in doc["states"]:
        net[s["to"]] = net.get(s["to"], 0.0) + s["m_kg_per_s"]
        net[s["from"]] = net.get(s["from"], 0.0) - s["m_kg_per_s"]
    m_ref = max(abs(s["m_kg_per_s"]) for s in doc["states"])
    for name, v in net.items():
        if abs(v) > 1e-9 * m_ref:
            fail(f"{path}: component {name}: inflow - outflow = {v} kg/s")
    # Every connection once, with its ports and loop; the loops list every state once.
    if len({(s["from"], s["from_port"]) for s in doc["states"]}) != len(doc["states"]):
        fail(f"{path}: two states leave one port")
    listed = sorted(n for lp in doc["loops"] for n in lp["states"])
    if listed != list(range(1, len(doc["states"]) + 1)):
        fail(f"{path}: the loops list states {listed}")
    # Every state carries SI values; the table and CSV agree with the JSON.
    for s in doc["states"]:
        for key in ("p_Pa", "T_K", "h_J_per_kg", "s_J_per_kg_K", "m_kg_per_s"):
            if not isinstance(s[key], (int, float)):
                fail(f"{path}: state {s['number']}: {key} = {s[key]!r}")
    rc, table, err = run(exe, ["solve", path])
    if rc != 0 or "status: converged" not in table:
        fail(f"{path}: table output: exit {rc}\n{table}\n{err}")
    cop = doc["results"]["cop_cooling"]
    if f"{cop:.4f}" not in table:
        fail(f"{path}: the table does not show COP cooling {cop:.4f}")
    # One set of phase names (entropyk/fluids/phase_name.hpp): the table shows the JSON's phase on
    # every state row; a quality exactly where the name says two-phase.
    table_rows = {int(m.group(1)): m.group(0) for m in re.finditer(r"^\s*(\d+)  .*$", table, re.M)}
    for s in doc["states"]:
        if s["phase"] not in PHASE_NAMES:
            fail(f"{path}: state {s['number']}: phase {s['phase']!r} is not one of {PHASE_NAMES}")
        elif f"  {s['phase']}  " not in table_rows.get(s["number"], ""):
            fail(f"{path}: table row {s['number']} {table_rows.get(s['number'])!r} does not show {s['phase']!r}")
        if (s["quality"] is not None) != (s["phase"] in ("saturated liquid", "two-phase", "saturated vapour")):
            fail(f"{path}: state {s['number']}: quality {s['quality']!r} with phase {s['phase']!r}")
    # The saturation temperatures of the summary, in the three formats.
    transcritical = re.search(r"^gas cooler outlet\s+-?\d+\.\d+ °C", table, re.M) is not None
    for key, label in (("evaporating_temperature_K", "evaporating temperature"),
                       ("condensing_temperature_K", "condensing temperature"),
                       ("condensing_bubble_temperature_K", "condenser bubble point")):
        T = doc["results"].get(key, "missing")
        # A gas cooler (transcritical high side) has no condensing temperature: null, and the table
        # shows the gas-cooler outlet instead.
        if transcritical and key != "evaporating_temperature_K":
            if T is not None or re.search(r"^" + label, table, re.M):
                fail(f"{path}: /results/{key} = {T!r} with a gas cooler, expected null and no table line")
            continue
        if not isinstance(T, (int, float)) or isinstance(T, bool):
            fail(f"{path}: /results/{key} = {T!r}, expected a temperature")
            continue
        m = re.search(r"^" + label + r"\s+(-?\d+\.\d+) °C", table, re.M)
        if not m or abs(float(m.group(1)) - (T - 273.15)) > 0.0006:
            fail(f"{path}: the table's {label} {m.group(1) if m else None} disagrees with {T} K")
    rc, csv, err = run(exe, ["solve", path, "--format", "csv"])
    lines = csv.splitlines()
    if rc != 0 or not lines or not lines[0].startswith("number,from,to,p_Pa"):
        fail(f"{path}: csv output: exit {rc}\n{csv}\n{err}")
    else:
        rows = [l.split(",") for l in lines[1:1 + len(doc["states"])]]
        for row, s in zip(rows, doc["states"]):
            if abs(float(row[3]) - s["p_Pa"]) > 1e-6 * s["p_Pa"] or abs(float(row[5]) - s["h_J_per_kg"]) > 1e-3:
                fail(f"{path}: csv row {row} disagrees with the JSON state {s}")
        for row, s in zip(rows, doc["states"]):
            if row[8] != s["phase"]:
                fail(f"{path}: csv row {row} phase {row[8]!r}, the JSON says {s['phase']!r}")
        for key in ("evaporating_temperature", "condensing_temperature", "condensing_bubble_temperature"):
            got = [l.split(",") for l in lines if l.startswith(key + ",")]
            want = doc["results"].get(key + "_K")
            if transcritical and key != "evaporating_temperature":
                if not got or got[0][1] != "" or want is not None:
                    fail(f"{path}: csv {key} row {got} with a gas cooler, expected an empty value")
                continue
            if not got or want is None or got[0][2] != "K" or abs(float(got[0][1]) - want) > 1e-8 * want:
                fail(f"{path}: csv {key} row {got} disagrees with {want} K")
        cop_rows = [l for l in lines if l.startswith("cop_cooling,")]
        if not cop_rows or abs(float(cop_rows[0].split(",")[1]) - cop) > 1e-8 * cop:
            fail(f"{path}: csv cop_cooling row {cop_rows} disagrees with {cop}")
    # Warnings: the same list in the three formats.
    ws = doc.get("warnings")
    if not isinstance(ws, list):
        fail(f"{path}: the JSON output has no \"warnings\" array")
        ws = []
    for w in ws:
        if set(w) != {"code", "component", "message"} or not w["message"]:
            fail(f"{path}: malformed warning {w!r}")
        elif f"warning: {w['message']}" not in table:
            fail(f"{path}: the table does not show the warning {w['message']!r}")
        elif not any(l.startswith(w["code"] + ",") for l in lines):
            fail(f"{path}: the CSV has no row for the warning {w!r}")
    if table.count("\nwarning: ") != len(ws):
        fail(f"{path}: the table shows {table.count(chr(10) + 'warning: ')} warnings, the JSON {len(ws)}")
    for code in warnings:
        print(f"{path}: warning {code}: {'ok' if any(w['code'] == code for w in ws) else 'MISSING'}")
        if not any(w["code"] == code for w in ws):
            fail(f"{path}: no warning with code {code!r} in {ws!r}")


def cmd_bad(exe, argv):
    ap = argparse.ArgumentParser(prog="check_cli.py ENTROPYK bad")
    ap.add_argument("base")
    ap.add_argument("--exit", type=int, required=True)
    ap.add_argument("--message", action="append", required=True, help="a text the error must contain")
    ap.add_argument("--remove", action="append", default=[], help="JSON pointer of a key to delete")
    ap.add_argument("--set", action="append", default=[], help="POINTER=JSON: a value to replace")
    ap.add_argument("--raw", action="append", default=[],
                    help="POINTER=TEXT: a value written verbatim (e.g. 1e400, which Python's json cannot write)")
    ap.add_argument("--text", help="the whole file content instead of the base file")
    ap.add_argument("--stdout", action="append", default=[], help="a text the standard output must contain")
    ap.add_argument("--no-stdout", action="append", default=[], help="a text the standard output must not contain")
    a = ap.parse_args(argv)
    with open(a.base) as f:
        doc = json.load(f)
    for ptr in a.remove:
        parent, key = pointer_parent(doc, ptr)
        del parent[key]
    for s in a.set:
        ptr, value = s.split("=", 1)
        parent, key = pointer_parent(doc, ptr)
        parent[key] = json.loads(value)
    raws = {}
    for k, s in enumerate(a.raw):
        ptr, value = s.split("=", 1)
        parent, key = pointer_parent(doc, ptr)
        parent[key] = f"@@raw{k}@@"
        raws[f'"@@raw{k}@@"'] = value
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "cycle.json"), "w") as f:
            if a.text is not None:
                f.write(a.text)
            else:
                text = json.dumps(doc, indent=2)
                for placeholder, value in raws.items():
                    text = text.replace(placeholder, value)
                f.write(text)
        rc, out, err = run(exe, ["solve", "cycle.json", "--svg", "out.svg"], cwd=d)
        print(f"exit {rc}\nstderr: {err.strip()}")
        if rc != a.exit:
            fail(f"exit code {rc}, expected {a.exit}")
        for m in a.message:
            if m not in err:
                fail(f"the message does not contain {m!r}")
        for m in a.stdout:
            if m not in out:
                fail(f"the output does not contain {m!r}")
        for m in a.no_stdout:
            if m in out:
                fail(f"the output contains {m!r}")
        left = sorted(os.listdir(d))
        if left != ["cycle.json"]:
            fail(f"files left behind: {left}")


def expect_value(what, got, want):
    """want: "null", a JSON string ("text"), or VALUE:REL_TOL (absolute below 1)."""
    if want == "null":
        ok = got is None
    elif want.startswith('"'):
        ok = got == json.loads(want)
    else:
        v, tol = (float(x) for x in want.split(":"))
        ok = isinstance(got, (int, float)) and not isinstance(got, bool) and abs(got - v) <= tol * max(abs(v), 1.0)
    print(f"{what} = {got!r} (expected {want}): {'ok' if ok else 'WRONG'}")
    if not ok:
        fail(f"{what} = {got!r}, expected {want}")


def cmd_run(exe, argv):
    sep = argv.index("--")
    ap = argparse.ArgumentParser(prog="check_cli.py ENTROPYK run")
    ap.add_argument("--exit", type=int, required=True)
    ap.add_argument("--stdout", action="append", default=[])
    ap.add_argument("--stderr", action="append", default=[])
    ap.add_argument("--no-stdout", action="append", default=[], help="a text the standard output must not contain")
    ap.add_argument("--value", action="append", default=[], help="NAME=VALUE:ABS_TOL, read from a 'NAME = x' line")
    ap.add_argument("--json", action="append", default=[],
                    help="/POINTER=VALUE:REL_TOL (a number), /POINTER=null, or /POINTER=\"text\" in the JSON output")
    ap.add_argument("--csv", action="append", default=[],
                    help="COLUMN=VALUE:REL_TOL, COLUMN= (empty) or COLUMN=\"text\" in a header + one row CSV output")
    a = ap.parse_args(argv[:sep])
    args = argv[sep + 1:]
    with tempfile.TemporaryDirectory() as d:
        rc, out, err = run(exe, args, cwd=d)
        print(f"exit {rc}\nstdout: {out[-2000:]}\nstderr: {err[-2000:]}")
        if rc != a.exit:
            fail(f"exit code {rc}, expected {a.exit}")
        for t in a.stdout:
            if t not in out:
                fail(f"stdout lacks {t!r}")
        for t in a.stderr:
            if t not in err:
                fail(f"stderr lacks {t!r}")
        for t in a.no_stdout:
            if t in out:
                fail(f"stdout contains {t!r}")
        if a.json:
            try:
                doc = json.loads(out)
            except ValueError as e:
                fail(f"stdout is not JSON: {e}")
                doc = {}
            for c in a.json:
                ptr, want = c.split("=", 1)
                try:
                    got = pointer_get(doc, ptr)
                except (KeyError, IndexError, TypeError):
                    fail(f"{ptr}: missing in the JSON output")
                    continue
                expect_value(ptr, got, want)
        if a.csv:
            lines = out.splitlines()
            if len(lines) != 2:
                fail(f"expected a header and one row, got {len(lines)} lines")
            else:
                row = dict(zip(lines[0].split(","), lines[1].split(",")))
                for c in a.csv:
                    col, want = c.split("=", 1)
                    if col not in row:
                        fail(f"no CSV column {col!r} in {lines[0]!r}")
                        continue
                    got = row[col]
                    if want == "":
                        ok = got == ""
                    elif want.startswith('"'):
                        ok = got == json.loads(want)
                    else:
                        v, tol = (float(x) for x in want.split(":"))
                        ok = got != "" and abs(float(got) - v) <= tol * max(abs(v), 1.0)
                    print(f"csv {col} = {got!r} (expected {want}): {'ok' if ok else 'WRONG'}")
                    if not ok:
                        fail(f"csv {col} = {got!r}, expected {want}")
        for v in a.value:
            name, rest = v.split("=", 1)
            want, tol = (float(x) for x in rest.split(":"))
            m = re.search(r"^" + re.escape(name) + r"\s*=\s*(\S+)", out, re.M)
            if not m or abs(float(m.group(1)) - want) > tol:
                fail(f"{name} = {m.group(1) if m else None}, expected {want} +- {tol}")
        if rc != 0 and os.listdir(d):
            fail(f"a failed run left files behind: {os.listdir(d)}")


def path_points(d):
    """Coordinates of an SVG path written with absolute M/L commands only."""
    nums = re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", d)
    if re.search(r"[^MLZ0-9eE.\-\s,]", d):
        raise ValueError(f"unexpected path commands in {d[:80]}")
    return list(zip(map(float, nums[0::2]), map(float, nums[1::2])))


def check_svg(path, kind):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        dom = xml.dom.minidom.parseString(text.encode("utf-8"))
    except Exception as e:  # noqa: BLE001 - any parse error fails the test
        fail(f"{path}: not well-formed XML: {e}")
        return
    svg = dom.documentElement
    if svg.tagName != "svg" or svg.getAttribute("xmlns") != "http://www.w3.org/2000/svg":
        fail(f"{path}: the root is not an SVG element")
    for tag in ("script", "image", "foreignObject", "link"):
        if dom.getElementsByTagName(tag):
            fail(f"{path}: not self-contained: has <{tag}>")
    if re.search(r"(href|src)\s*=\s*\"(https?:|file:)|@import|url\(http", text):
        fail(f"{path}: refers to an external resource")
    by_id = {e.getAttribute("id"): e for e in dom.getElementsByTagName("*") if e.getAttribute("id")}
    area = by_id.get("plot-area")
    if area is None:
        fail(f"{path}: no plot-area rectangle")
        return
    x0, y0 = float(area.getAttribute("x")), float(area.getAttribute("y"))
    x1, y1 = x0 + float(area.getAttribute("width")), y0 + float(area.getAttribute("height"))

    def inside(pts, what):
        bad = [(x, y) for x, y in pts if not (x0 - 0.01 <= x <= x1 + 0.01 and y0 - 0.01 <= y <= y1 + 0.01)]
        if bad:
            fail(f"{path}: {what}: {len(bad)} of {len(pts)} points outside the axes, e.g. {bad[:3]}")
        return len(pts)

    for dome_id in ("dome-bubble", "dome-dew"):
        dome = by_id.get(dome_id)
        if dome is None:
            fail(f"{path}: no {dome_id} path")
            continue
        n = inside(path_points(dome.getAttribute("d")), dome_id)
        if n < 20:
            fail(f"{path}: {dome_id} has only {n} points")
    processes = [e for e in dom.getElementsByTagName("path") if "process" in e.getAttribute("class").split()]
    if len(processes) < 4:
        fail(f"{path}: {len(processes)} process paths, expected at least 4")
    for p in processes:
        pts = path_points(p.getAttribute("d"))
        inside(pts, "process " + p.getAttribute("data-component"))
        if p.getAttribute("data-role") == "compressor" and len(pts) < 8:
            fail(f"{path}: the compression is drawn with {len(pts)} points, not as a path")
    points = [e for e in dom.getElementsByTagName("circle") if "state" in e.getAttribute("class").split()]
    if len(points) < 4:
        fail(f"{path}: {len(points)} state points, expected at least 4")
    inside([(float(c.getAttribute("cx")), float(c.getAttribute("cy"))) for c in points], "state points")
    labels = [e for e in dom.getElementsByTagName("text") if "state-label" in e.getAttribute("class").split()]
    # Coincident states share one label ("4,5"); together the labels name every state once.
    # A loop of several drawn on its own keeps the table's numbers: consecutive, not from 1.
    numbers = sorted(int(n) for t in labels for n in t.firstChild.data.split(","))
    first = numbers[0] if numbers else 1
    if numbers != list(range(first, first + len(points))):
        fail(f"{path}: state labels {numbers}, expected {first}..{first + len(points) - 1}")
    isolines = [e for e in dom.getElementsByTagName("path") if "isoline" in e.getAttribute("class").split()]
    if len(isolines) < 3:
        fail(f"{path}: {len(isolines)} {'isotherms' if kind == 'ph' else 'isobars'}, expected a few")
    legend = by_id.get("legend")
    if legend is None or "COP" not in legend.toxml():
        fail(f"{path}: no legend with the COP")
    print(f"{path}: well-formed; {len(points)} states, {len(processes)} processes, {len(isolines)} isolines inside "
          f"[{x0}, {x1}] x [{y0}, {y1}]")


def cmd_svg(exe, argv):
    with tempfile.TemporaryDirectory() as d:
        ph, ts = os.path.join(d, "ph.svg"), os.path.join(d, "ts.svg")
        args = (["demo"] if argv[0] == "demo" else ["solve", os.path.abspath(argv[1])]) + ["--svg", ph, "--ts", ts]
        rc, out, err = run(exe, args, cwd=d)
        if rc != 0:
            fail(f"{args}: exit {rc}\n{err}")
            return
        # One loop: ph.svg and ts.svg; several: ph-<refrigerant>.svg and ts-<refrigerant>.svg per loop.
        files = sorted(os.listdir(d))
        phs = [f for f in files if f == "ph.svg" or (f.startswith("ph-") and f.endswith(".svg"))]
        tss = [f for f in files if f == "ts.svg" or (f.startswith("ts-") and f.endswith(".svg"))]
        if not phs or [f[2:] for f in phs] != [f[2:] for f in tss] or sorted(phs + tss) != files:
            fail(f"unexpected files (temporary files left behind?): {files}")
        for f in phs:
            check_svg(os.path.join(d, f), "ph")
        for f in tss:
            check_svg(os.path.join(d, f), "ts")
        want = len(argv) > 2 and argv[2] == "--branch"
        if want:
            # A network: some state is the start of two processes (a flash tank's or a splitter's
            # outlets) and some the end of two (a mixer's inlets).
            for f in phs + tss:
                dom = xml.dom.minidom.parse(os.path.join(d, f))
                procs = [e for e in dom.getElementsByTagName("path") if "process" in e.getAttribute("class").split()]
                starts = [p.getAttribute("data-from") for p in procs]
                ends = [p.getAttribute("data-to") for p in procs]
                if not any(starts.count(x) > 1 for x in starts) or not any(ends.count(x) > 1 for x in ends):
                    fail(f"{f}: no branch drawn (process starts {starts}, ends {ends})")
                else:
                    print(f"{f}: branch drawn (process starts {starts}, ends {ends})")


# ---- a small JSON Schema (2020-12) validator for the keywords docs/cycle-format.schema.json uses --
def schema_errors(value, schema, root, path="", out=None):
    out = [] if out is None else out
    if "$ref" in schema:
        target = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        schema_errors(value, target, root, path, out)
    t = schema.get("type")
    types = {"object": dict, "array": list, "string": str, "boolean": bool}
    if t == "number" and (isinstance(value, bool) or not isinstance(value, (int, float))):
        out.append(f"{path}: not a number")
        return out
    if t == "integer" and (isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value)):
        out.append(f"{path}: not an integer")
        return out
    if t in types and not isinstance(value, types[t]):
        out.append(f"{path}: not {t}")
        return out
    if "const" in schema and value != schema["const"]:
        out.append(f"{path}: not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{path}: not one of {schema['enum']}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        for key, ok in (("minimum", lambda v, b: v >= b), ("maximum", lambda v, b: v <= b),
                        ("exclusiveMinimum", lambda v, b: v > b), ("exclusiveMaximum", lambda v, b: v < b)):
            if key in schema and not ok(value, schema[key]):
                out.append(f"{path}: {value} fails {key} {schema[key]}")
    if isinstance(value, str) and len(value) < schema.get("minLength", 0):
        out.append(f"{path}: too short")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", 1 << 30):
            out.append(f"{path}: {len(value)} items")
        if "items" in schema:
            for i, v in enumerate(value):
                schema_errors(v, schema["items"], root, f"{path}/{i}", out)
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for k in schema.get("required", []):
            if k not in value:
                out.append(f"{path}/{k}: missing")
        for k, v in value.items():
            if k in props:
                schema_errors(v, props[k], root, f"{path}/{k}", out)
            elif schema.get("additionalProperties") is False:
                out.append(f"{path}/{k}: not allowed")
        for k, needs in schema.get("dependentRequired", {}).items():
            if k in value:
                out += [f"{path}/{n}: required by {k}" for n in needs if n not in value]
    if "oneOf" in schema:
        n = sum(1 for s in schema["oneOf"] if not schema_errors(value, s, root, path))
        if n != 1:
            out.append(f"{path}: matches {n} of the oneOf alternatives")
    if "anyOf" in schema and not any(not schema_errors(value, s, root, path) for s in schema["anyOf"]):
        out.append(f"{path}: matches none of the anyOf alternatives")
    if "not" in schema and not schema_errors(value, schema["not"], root, path):
        out.append(f"{path}: matches a forbidden schema")
    return out


def cmd_schema(exe, argv):
    """The example files follow the schema, and the schema refuses what the command refuses."""
    del exe
    units_hpp = units_md = None
    if "--units" in argv:
        i = argv.index("--units")
        units_hpp = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    if "--units-doc" in argv:
        i = argv.index("--units-doc")
        units_md = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    with open(argv[0], encoding="utf-8") as f:
        schema = json.load(f)
    # Every number names its unit: a description ending in "[unit]" ("[-]" for a pure number).
    def numeric(prop):
        if prop.get("type") in ("number", "integer") or prop.get("$ref") == "#/$defs/temperature":
            return True
        return any(numeric(alt) for alt in prop.get("oneOf", []))

    def check_units(node, path):
        if isinstance(node, dict):
            for key, prop in node.get("properties", {}).items():
                if isinstance(prop, dict) and numeric(prop) and not re.search(r"\[[^\]]+\]$", prop.get("description", "")):
                    fail(f"schema {path}/properties/{key}: a number whose description does not end in [unit]: "
                         f"{prop.get('description')!r}")
            for key, value in node.items():
                if key != "properties" or not isinstance(value, dict):
                    check_units(value, f"{path}/{key}")
                else:
                    for k, v in value.items():
                        if isinstance(v, dict) and v.get("type") == "object" or "oneOf" in v or "properties" in v:
                            check_units(v, f"{path}/properties/{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                check_units(v, f"{path}/{i}")

    check_units(schema, "")
    # The units the schema lists are those the command accepts (include/entropyk/io/units.hpp).
    if units_hpp:
        with open(units_hpp, encoding="utf-8") as f:
            src = f.read()
        accepted = {m.group(1): re.findall(r'Unit\{"([^"]+)"', m.group(2))
                    for m in re.finditer(r"inline constexpr std::array (\w+) = \{(.*?)\};", src, re.S)}
        with_unit = {k[: -len("_with_unit")]: v for k, v in schema["$defs"].items() if k.endswith("_with_unit")}
        if len(with_unit) < 10:
            fail(f"the schema defines {len(with_unit)} value-with-unit forms, expected one per dimension")
        for dim, d in with_unit.items():
            listed = d["properties"]["unit"]["enum"]
            if listed != accepted.get(dim):
                fail(f"schema $defs/{dim}_with_unit lists {listed}, units.hpp accepts {accepted.get(dim)}")
            else:
                print(f"{dim}: {len(listed)} units, as in units.hpp")
        # docs/units.md lists the same units, in the same order, for every quantity of the cycle file.
        if units_md:
            with open(units_md, encoding="utf-8") as f:
                doc_text = f.read()
            rows = {"temperature": "temperature", "temperature difference": "temperature_difference",
                    "pressure (absolute)": "pressure", "mass flow": "mass_flow", "displacement (volume)": "volume",
                    "speed, frequency": "frequency", "conductance": "conductance", "flow coefficient (area)": "area",
                    "specific heat": "specific_entropy", "density": "density", "time": "time"}
            section = doc_text[doc_text.index("The accepted units:"):]
            for label, dim in rows.items():
                m = re.search(r"^\| " + re.escape(label) + r" \| (.*) \|$", section, re.M)
                listed = re.findall(r"`([^`]+)`", m.group(1)) if m else None
                if listed != accepted.get(dim):
                    fail(f"docs/units.md lists {listed} for {label}, units.hpp accepts {accepted.get(dim)}")
                else:
                    print(f"docs/units.md {label}: as in units.hpp")
    examples = {}
    for path in argv[1:]:
        with open(path, encoding="utf-8") as f:
            examples[os.path.basename(path)] = doc = json.load(f)
        errs = schema_errors(doc, schema, schema)
        print(f"{path}: {'valid' if not errs else errs}")
        if errs:
            fail(f"{path} does not follow the schema: {errs}")
    mutations = [
        ("r410a_heat_pump.json", "/components/1/ua", -3),
        ("r410a_heat_pump.json", "/components/1/ua", "2400"),
        ("r410a_heat_pump.json", "/components/1/subcool", 7),
        ("r410a_heat_pump.json", "/components/1/model", "ntu"),
        ("r410a_heat_pump.json", "/components/1/secondary/cp", 4180),
        ("r410a_heat_pump.json", "/components/2/opening", 0.5),
        ("r410a_heat_pump.json", "/components/0/maps/0/mass_flow", [1, 2, 3]),
        ("r134a_textbook.json", "/components/2/type", "pump"),
        ("r134a_textbook.json", "/components/1/saturation_temperature", 40),
        ("r134a_textbook.json", "/components/1/saturation_point", "dew"),
        ("r134a_textbook.json", "/components/0/displacement", 30),
        ("r134a_textbook.json", "/backend", "coolprop"),
        ("r134a_textbook.json", "/connections/0/via", "pipe"),
        ("r32_design.json", "/solver/max_iterations", 2.5),
        ("r32_design.json", "/components/3/superheat", -1),
    ]
    for name, ptr, value in mutations:
        if name not in examples:
            continue
        doc = json.loads(json.dumps(examples[name]))
        parent, key = pointer_parent(doc, ptr)
        parent[key] = value
        if not schema_errors(doc, schema, schema):
            fail(f"the schema accepts {name} with {ptr} = {value!r}")
    # The value-with-unit form: accepted with a known unit, refused with an unknown one, a unit of
    # another dimension, no value or an extra key.
    with_units = [
        ("r410a_heat_pump.json", "/components/0/maps/0/rated_superheat", {"value": 20, "unit": "degF"}, True),
        ("r410a_heat_pump.json", "/components/1/ua", {"value": 2.4, "unit": "kW/K"}, True),
        ("r410a_heat_pump.json", "/components/1/secondary/inlet_temperature", {"value": 95, "unit": "°F"}, True),
        ("r134a_textbook.json", "/components/1/saturation_pressure", {"value": 0.8, "unit": "MPa"}, True),
        ("r134a_textbook.json", "/components/0/mass_flow", {"value": 180, "unit": "kg/h"}, True),
        ("r32_design.json", "/components/1/saturation_temperature", {"value": 318.15, "unit": "K"}, True),
        ("r32_design.json", "/solver/time_budget", {"value": 2, "unit": "min"}, True),
        ("r134a_textbook.json", "/components/1/saturation_pressure", {"value": 8, "unit": "bars"}, False),
        ("r134a_textbook.json", "/components/1/saturation_pressure", {"value": 8, "unit": "K"}, False),
        ("r134a_textbook.json", "/components/1/saturation_pressure", {"unit": "bar"}, False),
        ("r134a_textbook.json", "/components/1/saturation_pressure", {"value": 8, "unit": "bar", "gauge": True}, False),
        ("r134a_textbook.json", "/components/0/isentropic_efficiency", {"value": 0.8, "unit": "K"}, False),
    ]
    for name, ptr, value, valid in with_units:
        doc = json.loads(json.dumps(examples[name]))
        parent, key = pointer_parent(doc, ptr)
        parent[key] = value
        errs = schema_errors(doc, schema, schema)
        print(f"{name} with {ptr} = {value!r}: {'valid' if not errs else 'refused'}")
        if valid and errs:
            fail(f"the schema refuses {name} with {ptr} = {value!r}: {errs}")
        if not valid and not errs:
            fail(f"the schema accepts {name} with {ptr} = {value!r}")
    # A file with "loops" names each loop's refrigerant and backend there: a top-level
    # "refrigerant" or "backend" beside them is refused (as the reader refuses it); without
    # them the cascade is valid (checked above), and a file of one loop keeps its "backend".
    for name, key, value in (("r744_r717_cascade.json", "backend", "eos"),
                             ("r744_r717_cascade.json", "refrigerant", "R717"),
                             ("r744_r717_cascade.json", "backend", "tables")):
        if name not in examples:
            fail(f"the schema check needs {name}")
            continue
        doc = json.loads(json.dumps(examples[name]))
        doc[key] = value
        errs = schema_errors(doc, schema, schema)
        print(f"{name} with /{key} = {value!r} beside /loops: {'refused' if errs else 'valid'}")
        if not errs:
            fail(f"the schema accepts {name} with a top-level {key!r} beside \"loops\"")
    if "backend" not in examples.get("r134a_textbook.json", {}) or schema_errors(examples["r134a_textbook.json"], schema, schema):
        fail("r134a_textbook.json (one loop, with a \"backend\") must follow the schema")
    for name, ptr in (("r134a_textbook.json", "/components/0/isentropic_efficiency"), ("r134a_textbook.json", "/refrigerant")):
        doc = json.loads(json.dumps(examples[name]))
        parent, key = pointer_parent(doc, ptr)
        del parent[key]
        if not schema_errors(doc, schema, schema):
            fail(f"the schema accepts {name} without {ptr}")


def main():
    exe, cmd, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
    {"example": cmd_example, "bad": cmd_bad, "svg": cmd_svg, "run": cmd_run, "schema": cmd_schema}[cmd](exe, argv)
    if failures:
        print(f"{len(failures)} failure(s)")
        sys.exit(1)


if __name__ == "__main__":
    main()
