"""Semantic checks on the model (after the structural validation in schema.py and the reference
resolution in model.py). Each failure names the entity and the fix."""

from __future__ import annotations

import json
from pathlib import Path

from .model import Api


class CheckError(ValueError):
    pass


MAX_C_NAME = 63  # CODESYS / IEC 61131-3 identifier limit
MAX_EXPECTED_ERRORS = 4


def all_c_names(api: Api) -> list[tuple[str, str]]:
    out = [(f.c_name, f"function '{f.name}'") for f in api.functions]
    out += [(e.c_name, f"enum '{e.name}'") for e in api.enums]
    out += [(v.c_name, f"value '{v.name}' of enum '{e.name}'") for e in api.enums for v in e.values]
    out += [(s.c_name, f"struct '{s.name}'") for s in api.structs]
    out += [(h.c_name, f"handle '{h.name}'") for h in api.handles]
    return out


def all_macros(api: Api) -> list[tuple[str, str]]:
    out = [(s.init_macro, f"init macro of struct '{s.name}'") for s in api.structs]
    out += [(c.c_name, f"constant '{c.name}'") for c in api.constants]
    return out


def check(api: Api) -> None:
    # Identifiers a PLC import sees (functions, types, enum constants) must be unique ignoring case
    # (IEC 61131-3 identifiers are case-insensitive); macros only need to be unique as spelled.
    seen: dict[str, str] = {}
    exact: dict[str, str] = {}
    for c_name, what in all_c_names(api) + all_macros(api):
        is_macro = (c_name, what) in all_macros(api)
        key = c_name if is_macro else c_name.lower()
        if key in seen or c_name in exact:
            raise CheckError(f"{what}: its C name {c_name} clashes with {seen.get(key) or exact[c_name]}; rename one")
        exact[c_name] = what
        if not is_macro:
            seen[key] = what
        if len(c_name) > MAX_C_NAME:
            raise CheckError(f"{what}: {c_name} is longer than {MAX_C_NAME} characters (PLC limit); shorten it")

    for e in api.enums:
        values = [v.value for v in e.values]
        if len(set(values)) != len(values):
            raise CheckError(f"enum '{e.name}': duplicate values {values}")
        if any(not -2**31 <= v < 2**31 for v in values):
            raise CheckError(f"enum '{e.name}': values must fit in int32")
    codes = [v.value for v in api.errors.values]
    if codes != list(range(len(codes))):
        raise CheckError("enum 'error code': values must be 0, 1, 2, ... in order (append, never renumber)")

    texts = [(f"function '{f.name}'", f.summary) for f in api.functions]
    texts += [(f"function '{f.name}' ownership", f.ownership) for f in api.functions]
    texts += [(f"enum '{e.name}'", e.doc) for e in api.enums]
    texts += [(f"value '{v.name}'", v.doc) for e in api.enums for v in e.values]
    texts += [(f"struct '{s.name}'", s.doc) for s in api.structs]
    texts += [(f"field '{s.name}.{f.name}'", f.doc) for s in api.structs for f in s.fields]
    texts += [(f"handle '{h.name}'", h.doc) for h in api.handles]
    texts += [(f"module '{m.name}'", m.doc) for m in api.modules]
    for what, text in texts:
        if not text.strip() or "TODO" in text.upper():
            raise CheckError(f"{what}: documentation is empty or a TODO; write it")

    for f in api.functions:
        if len(f.expected_errors) > MAX_EXPECTED_ERRORS:
            raise CheckError(f"function '{f.name}': at most {MAX_EXPECTED_ERRORS} expected errors "
                             f"(the universal ones are added automatically)")
        if sum(1 for p in f.c_params if p.c_name == "buffer") > 1:
            raise CheckError(f"function '{f.name}': at most one buffer parameter")


# ---- ABI record: released enum values, struct layouts and signatures are append-only -------------

def abi_record(api: Api) -> dict:
    return {
        "abi_version": api.abi_version,
        "enums": {e.c_name: {v.c_name: v.value for v in e.values} for e in api.enums},
        "structs": {s.c_name: [[f.c_name, f.abi_type, f.offset] for f in s.fields] for s in api.structs},
        "functions": {f.c_name: f.signature for f in api.functions},
        "constants": {c.c_name: c.value for c in api.constants},
    }


def check_abi(api: Api, frozen_path: Path) -> None:
    if not frozen_path.exists():
        raise CheckError(f"{frozen_path} is missing: create it with --freeze-abi")
    frozen = json.loads(frozen_path.read_text())
    now = abi_record(api)
    if frozen["abi_version"] != now["abi_version"]:
        return  # a new ABI version may break anything; freeze a new record for it
    for enum, values in frozen["enums"].items():
        for name, value in values.items():
            if now["enums"].get(enum, {}).get(name) != value:
                raise CheckError(f"ABI break: {enum} {name} = {value} was released; it may not change or disappear")
    for struct, fields in frozen["structs"].items():
        if now["structs"].get(struct, [])[: len(fields)] != fields:
            raise CheckError(f"ABI break: the fields of {struct} were released as {fields}; only appends are allowed")
    for func, sig in frozen["functions"].items():
        if now["functions"].get(func) != sig:
            raise CheckError(f"ABI break: {sig} was released; add a new function (e.g. a _v2) instead of changing it")
    for const, value in frozen["constants"].items():
        if now["constants"].get(const) != value:
            raise CheckError(f"ABI break: the constant {const} = {value} was released")
