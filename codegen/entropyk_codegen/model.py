"""The object model of the C API: frozen dataclasses with every derived fact precomputed (C names,
C types, struct offsets, the expanded C parameter lists, the error lists, the formatted
declaration and definition lines). Templates only lay these out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import cformat
from .names import CNames, snake
from .schema import FILE, SchemaError, validate


class ModelError(ValueError):
    pass


# ---- the closed type vocabulary ------------------------------------------------------------------

SCALARS = {  # description type -> (C type, size in bytes)
    "float64": ("double", 8),
    "int32": ("int32_t", 4),
    "uint32": ("uint32_t", 4),
    "bool32": ("int32_t", 4),
}
BUFFER_ELEMENT = {"char": "char", "float64": "double"}
RETURN_TYPES = {"status": None, "void": "void", "static string": "const char*", "uint32": "uint32_t"}


@dataclass(frozen=True)
class EnumValue:
    name: str
    c_name: str
    value: int
    doc: str


@dataclass(frozen=True)
class Enum:
    name: str
    c_name: str
    doc: str
    values: tuple[EnumValue, ...]


@dataclass(frozen=True)
class Constant:
    name: str
    c_name: str
    c_type: str
    value: str
    unit: str
    doc: str


@dataclass(frozen=True)
class Handle:
    name: str
    c_name: str
    kind: str
    doc: str


@dataclass(frozen=True)
class Field:
    name: str
    c_name: str
    c_type: str  # element type for arrays
    count: int  # 0 for a scalar, N for a fixed-size array
    offset: int
    size: int
    unit: str
    default: str  # the initialiser (a braced list for arrays)
    doc: str

    @property
    def c_decl(self) -> str:
        return f"{self.c_type} {self.c_name}" + (f"[{self.count}]" if self.count else "")

    @property
    def abi_type(self) -> str:
        return self.c_type + (f"[{self.count}]" if self.count else "")


@dataclass(frozen=True)
class Struct:
    name: str
    c_name: str
    doc: str
    direction: str
    fields: tuple[Field, ...]
    size: int
    init_macro: str
    init_macro_lines: tuple[str, ...]


@dataclass(frozen=True)
class CParam:
    c_type: str
    c_name: str
    direction: str  # in | out | inout
    doc: str

    @property
    def decl(self) -> str:
        return f"{self.c_type} {self.c_name}"


@dataclass(frozen=True)
class Function:
    name: str
    c_name: str
    module: str
    summary: str
    details: str
    return_type: str
    return_doc: str
    is_status: bool
    c_params: tuple[CParam, ...]
    expected_errors: tuple[EnumValue, ...]
    universal_errors: tuple[EnumValue, ...]
    ownership: str
    thread_safety: str
    allocates: bool
    signature: str  # one line, for docs
    doc_lines: tuple[str, ...]
    decl_lines: tuple[str, ...]
    def_lines: tuple[str, ...]


@dataclass(frozen=True)
class Module:
    name: str
    file: str
    doc: str
    capi_header: str
    tu_name: str
    constants: tuple[Constant, ...]
    enums: tuple[Enum, ...]
    handles: tuple[Handle, ...]
    structs: tuple[Struct, ...]
    functions: tuple[Function, ...]


@dataclass(frozen=True)
class Api:
    prefix: str
    upper: str
    version: tuple[int, int, int]
    abi_version: int
    modules: tuple[Module, ...]
    errors: Enum

    @property
    def version_string(self) -> str:
        return ".".join(str(v) for v in self.version)

    @property
    def version_number(self) -> int:
        major, minor, patch = self.version
        return major * 1000000 + minor * 1000 + patch

    @property
    def functions(self) -> list[Function]:
        return [f for m in self.modules for f in m.functions]

    @property
    def enums(self) -> list[Enum]:
        return [e for m in self.modules for e in m.enums]

    @property
    def structs(self) -> list[Struct]:
        return [s for m in self.modules for s in m.structs]

    @property
    def handles(self) -> list[Handle]:
        return [h for m in self.modules for h in m.handles]

    @property
    def constants(self) -> list[Constant]:
        return [c for m in self.modules for c in m.constants]


# ---- loading -------------------------------------------------------------------------------------

def read_version(cmakelists: Path) -> tuple[int, int, int]:
    m = re.search(r"project\(\s*entropyk\s+VERSION\s+(\d+)\.(\d+)\.(\d+)", cmakelists.read_text())
    if not m:
        raise ModelError(f"{cmakelists}: no 'project(entropyk VERSION x.y.z' found")
    return int(m[1]), int(m[2]), int(m[3])


def load_files(api_dir: Path) -> list[tuple[str, dict]]:
    """Reads entropyk.api.yaml, then the files its metadata lists, validating each structurally."""
    def read(stem: str) -> dict:
        path = api_dir / f"{stem}.api.yaml"
        if not path.exists():
            raise ModelError(f"{path}: listed in metadata.modules but missing")
        data = yaml.safe_load(path.read_text())
        try:
            validate(data, FILE, path.name)
        except SchemaError as e:
            raise ModelError(str(e)) from None
        return data

    root = read("entropyk")
    if "metadata" not in root:
        raise ModelError("entropyk.api.yaml: the key 'metadata' is required")
    stems = root["metadata"]["modules"]
    if not stems or stems[0] != "entropyk":
        raise ModelError("entropyk.api.yaml: metadata.modules must start with 'entropyk'")
    files = [("entropyk", root)]
    for stem in stems[1:]:
        data = read(stem)
        if "metadata" in data:
            raise ModelError(f"{stem}.api.yaml: only entropyk.api.yaml may hold 'metadata'")
        files.append((stem, data))
    on_disk = sorted(p.name[: -len(".api.yaml")] for p in api_dir.glob("*.api.yaml"))
    unlisted = sorted(set(on_disk) - set(stems))
    if unlisted:
        raise ModelError(f"{api_dir}: {', '.join(unlisted)}.api.yaml not listed in metadata.modules")
    return files


def split_doc(doc: str) -> tuple[str, str]:
    """First sentence (the summary) and the rest. A sentence ends at '.', '!' or '?' followed by a
    space and a capital letter, a digit or a quote; abbreviations such as "e.g." do not end one."""
    text = " ".join(doc.split())
    for m in re.finditer(r"[.!?] (?=[A-Z0-9\"*(])", text):
        head = text[: m.start() + 1]
        if not re.search(r"\b(e\.g|i\.e|etc|cf|vs)\.$", head):
            return head, text[m.end():]
    return text, ""


def with_unit(doc: str, unit: str) -> str:
    """"Temperature." + "K" -> "Temperature [K]." (dimensionless "1" is not shown)."""
    doc = " ".join(doc.split())
    if not unit or unit == "1":
        return doc
    if doc.endswith("."):
        return f"{doc[:-1]} [{unit}]."
    return f"{doc} [{unit}]"


class Builder:
    """Turns validated YAML into the model, resolving references as it goes."""

    def __init__(self, files: list[tuple[str, dict]], version: tuple[int, int, int]):
        self.files = files
        self.version = version
        meta = files[0][1]["metadata"]
        self.names = CNames(meta["prefix"])
        self.abi_version = meta["abi version"]
        self.enums: dict[str, Enum] = {}
        self.structs: dict[str, Struct] = {}
        self.handles: dict[str, Handle] = {}

    # -- types
    def scalar(self, t: str, where: str) -> tuple[str, int]:
        if t in SCALARS:
            return SCALARS[t]
        if t.startswith("enum."):
            return self.enum(t[5:], where).c_name, 4
        raise ModelError(f"{where}: '{t}' is not a field type (use float64, int32, uint32, bool32 or enum.<name>)")

    def enum(self, name: str, where: str) -> Enum:
        if name not in self.enums:
            raise ModelError(f"{where}: unknown enum '{name}' (declare it before use)")
        return self.enums[name]

    def error_value(self, name: str, where: str) -> EnumValue:
        for v in self.enums["error code"].values:
            if v.name == name:
                return v
        raise ModelError(f"{where}: '{name}' is not an error code name")

    # -- entities
    def build_enum(self, e: dict, where: str) -> Enum:
        values = tuple(EnumValue(v["name"], self.names.constant(e["value prefix"], v["name"]), v["value"],
                                 " ".join(v["doc"].split())) for v in e["values"])
        return Enum(e["name"], self.names.type(e["name"]), " ".join(e["doc"].split()), values)

    def build_struct(self, s: dict, where: str) -> Struct:
        fields, offset = [], 0
        for f in s["fields"]:
            fw = f"{where}.{f['name']}"
            m = re.fullmatch(r"(\w+)\[(\d+)\]", f["type"])
            count = int(m[2]) if m else 0
            c_type, align = self.scalar(m[1] if m else f["type"], fw)
            size = align * max(count, 1)
            if m and (count < 1 or m[1] == "bool32"):
                raise ModelError(f"{fw}: arrays are float64[N], int32[N] or uint32[N] with N >= 1")
            if offset % align:
                raise ModelError(f"{fw}: implicit padding before this field (offset {offset}, alignment {size}); "
                                 f"add a 'uint32 reserved' field")
            if f["type"].startswith("float64") and "unit" not in f:
                raise ModelError(f"{fw}: float64 fields need a unit (use unit: \"1\" for dimensionless)")
            default = f.get("default", "0")
            if count:
                default = "{" + ", ".join([default] * count) + "}"
            fields.append(Field(f["name"], snake(f["name"]), c_type, count, offset, size, f.get("unit", ""),
                                default, with_unit(f["doc"], f.get("unit", ""))))
            offset += size
        if not fields or fields[0].c_name != "struct_size" or fields[0].c_type != "uint32_t":
            raise ModelError(f"{where}: the first field must be 'struct size' of type uint32")
        if len(fields) < 2 or fields[1].size != 4:
            raise ModelError(f"{where}: the second field must be 32 bits wide (the fixed 8-byte struct header)")
        if offset % 8 and any(f.c_type == "double" for f in fields):
            raise ModelError(f"{where}: implicit tail padding (size {offset}); add a 'uint32 reserved' field")
        c_name = self.names.type(s["name"])
        macro = self.names.constant(s["name"], "init")
        items = [f"sizeof({c_name})"] + [f.default for f in fields[1:]]
        return Struct(s["name"], c_name, " ".join(s["doc"].split()), s["direction"], tuple(fields), offset, macro,
                      tuple(cformat.macro_braced(macro, items)))

    def expand_param(self, p: dict, where: str) -> list[CParam]:
        t, direction, doc = p["type"], p.get("direction", "in"), " ".join(p["doc"].split())
        name = snake(p["name"])
        unit = p.get("unit", "")
        doc = with_unit(doc, unit)
        if p.get("optional"):
            doc += " May be NULL."
        if p.get("ownership") == "transfer":
            doc += " Ownership passes to the library."
        if t in SCALARS:
            if t == "float64" and not unit:
                raise ModelError(f"{where}: float64 parameters need a unit (use unit: \"1\" for dimensionless)")
            c = SCALARS[t][0]
            return [CParam(c if direction == "in" else c + "*", name, direction, doc)]
        if t == "string":
            if direction != "in":
                raise ModelError(f"{where}: output strings use type buffer.char")
            return [CParam("const char*", name, "in", doc)]
        if t.startswith("enum."):
            c = self.enum(t[5:], where).c_name
            return [CParam(c if direction == "in" else c + "*", name, direction, doc)]
        if t.startswith("struct."):
            s = self.structs.get(t[7:])
            if s is None:
                raise ModelError(f"{where}: unknown struct '{t[7:]}'")
            return [CParam(("const " if direction == "in" else "") + s.c_name + "*", name, direction, doc)]
        if t.startswith("handle."):
            h = self.handles.get(t[7:])
            if h is None:
                raise ModelError(f"{where}: unknown handle '{t[7:]}'")
            if direction == "out":
                return [CParam(h.c_name + "**", name, "out", doc)]
            return [CParam(("const " if p.get("const") else "") + h.c_name + "*", name, "in", doc)]
        if t == "count":  # size_t: an element count, given (in) or reported (out)
            return [CParam("size_t" if direction == "in" else "size_t*", name, direction, doc)]
        if t.startswith("array."):
            # A caller-owned array of `count` elements (the element count is a separate `count`
            # parameter): const T* for inputs, T* for outputs.
            elem = t[6:]
            if elem in SCALARS:
                c = SCALARS[elem][0]
            elif elem.startswith("enum."):
                c = self.enum(elem[5:], where).c_name
            elif elem.startswith("struct."):
                s = self.structs.get(elem[7:])
                if s is None:
                    raise ModelError(f"{where}: unknown struct '{elem[7:]}'")
                c = s.c_name
            else:
                raise ModelError(f"{where}: arrays hold float64, int32, uint32, bool32, enums or structs")
            if elem == "float64" and not unit:
                raise ModelError(f"{where}: float64 parameters need a unit (use unit: \"1\" for dimensionless)")
            if direction == "in":
                return [CParam(f"const {c}*", name, "in", doc)]
            return [CParam(c + "*", name, direction, doc)]
        if t.startswith("buffer."):
            elem = BUFFER_ELEMENT.get(t[7:])
            if elem is None:
                raise ModelError(f"{where}: buffers hold char or float64")
            if name != "buffer":
                raise ModelError(f"{where}: a buffer parameter is named 'buffer' (it expands to buffer, capacity, out_len)")
            unit_word = "bytes" if elem == "char" else "elements"
            what = "the text's length without the terminating NUL" if elem == "char" else "the number of values"
            return [CParam(elem + "*", "buffer", "out",
                           f"{doc} Caller-owned; may be NULL only together with capacity == 0 (a size query)."),
                    CParam("size_t", "capacity", "in", f"Size of buffer in {unit_word}."),
                    CParam("size_t*", "out_len", "out",
                           f"Receives {what}, also when the buffer is too small (the needed length).")]
        raise ModelError(f"{where}: unknown parameter type '{t}'")

    def build_function(self, f: dict, module: str, capi_ns: str, where: str) -> Function:
        c_name = self.names.function(f["name"])
        returns = f.get("returns", {"type": "status"})
        is_status = returns["type"] == "status"
        return_type = RETURN_TYPES[returns["type"]] or self.enums["error code"].c_name
        c_params: list[CParam] = []
        for p in f["params"]:
            c_params += self.expand_param(p, f"{where}.params.{p['name']}")
        seen = set()
        for cp in c_params:
            if cp.c_name in seen:
                raise ModelError(f"{where}: parameter '{cp.c_name}' appears twice")
            seen.add(cp.c_name)
        errors = tuple(self.error_value(e, f"{where}.errors") for e in f.get("errors", []))
        if errors and not is_status:
            raise ModelError(f"{where}: only functions returning status list errors")
        universal = []
        if is_status:
            pointers = any(cp.c_type.endswith("*") for cp in c_params)
            handles = any(p["type"].startswith("handle.") and p.get("direction", "in") == "in" for p in f["params"])
            for name, present in (("null pointer", pointers), ("invalid handle", handles), ("internal error", True)):
                if present and all(e.name != name for e in errors):
                    universal.append(self.error_value(name, where))
        summary, details = split_doc(f["doc"])
        args = [cp.c_name for cp in c_params]
        impl = f"{capi_ns}::{f['impl']}"
        record = f.get("records error", True)
        if is_status:
            template = f"{capi_ns}::guarded_call<{impl}" + ("" if record else f", {capi_ns}::Record::no") + ">"
            stmt, call_args = f"return {template}(", [f'"{c_name}"'] + args
        else:
            stmt, call_args = ("" if returns["type"] == "void" else "return ") + f"{capi_ns}::direct_call<{impl}>(", args
        return self.finish_function(f["name"], c_name, module, summary, details, return_type,
                                    returns.get("doc", ""), is_status, c_params, errors, tuple(universal),
                                    f["ownership"], f["thread safety"], f["allocates"], stmt, call_args)

    def finish_function(self, name, c_name, module, summary, details, return_type, return_doc, is_status, c_params,
                        errors, universal, ownership, thread_safety, allocates, stmt, call_args) -> Function:
        decls = [cp.decl for cp in c_params] or ["void"]
        head = f"{self.names.macro('EXPORT')} {return_type} {self.names.macro('CALL')} {c_name}("
        doc = [summary]
        if details:
            doc += ["", details]
        doc.append("")
        for cp in c_params:
            tag = {"in": "@param", "out": "@param[out]", "inout": "@param[in,out]"}[cp.direction]
            doc.append(f"{tag} {cp.c_name} {cp.doc}")
        if is_status:
            listed = ", ".join(e.c_name for e in errors)
            text = "@return ENTROPYK_OK on success" + (f"; expected failures: {listed}" if listed else "")
            text += "; universal errors: " + ", ".join(e.c_name for e in universal) + "."
            doc.append(text)
        elif return_type != "void":
            doc.append(f"@return {return_doc}")
        doc.append(f"@note Ownership: {' '.join(ownership.split())}")
        thread = "any thread, any time" if thread_safety == "any" else "one thread at a time per object"
        doc.append(f"@note Thread safety: {thread}. Allocates: {'yes' if allocates else 'no'}.")
        return Function(
            name=name, c_name=c_name, module=module, summary=summary, details=details, return_type=return_type,
            return_doc=return_doc, is_status=is_status, c_params=tuple(c_params), expected_errors=errors,
            universal_errors=universal, ownership=" ".join(ownership.split()), thread_safety=thread_safety,
            allocates=allocates, signature=f"{return_type} {c_name}({', '.join(decls)});",
            doc_lines=tuple(cformat.doc_block(doc)),
            decl_lines=tuple(cformat.call(head, decls, ");", split_at=len(head) - len(c_name) - 1)),
            def_lines=tuple(cformat.function_definition(head, decls, stmt, call_args,
                                                        split_at=len(head) - len(c_name) - 1)))

    def struct_init_function(self, s: Struct, module: str, capi_ns: str) -> Function:
        c_name = f"{self.names.function(s.name)}_init"
        param = CParam(f"{s.c_name}*", "value", "out", f"The struct to initialise.")
        return self.finish_function(
            f"{s.name} init", c_name, module,
            f"Sets *value to {s.init_macro}: struct_size = sizeof({s.c_name}) and the documented defaults.",
            "For hosts that cannot use the macro (LabVIEW, PLC runtimes).", self.enums["error code"].c_name, "",
            True, [param], (), (self.error_value("null pointer", s.name), self.error_value("internal error", s.name)),
            "The caller owns *value.", "any", False,
            f"return {capi_ns}::guarded_call<{capi_ns}::init_struct<{s.c_name}>>(",
            [f'"{c_name}"', "value", f"{s.c_name} {s.init_macro}"])

    def build(self) -> Api:
        capi_ns = "capi"
        modules = []
        for stem, data in self.files:
            mod = data["module"]
            where = f"{stem}.api.yaml"
            constants = []
            for c in data.get("constants", []):
                if c["type"] == "float64" and "unit" not in c:
                    raise ModelError(f"{where}: constant '{c['name']}': float64 constants need a unit")
                constants.append(Constant(c["name"], self.names.constant(c["name"]), SCALARS[c["type"]][0],
                                          c["value"], c.get("unit", ""), " ".join(c["doc"].split())))
            enums = []
            for e in data.get("enums", []):
                if e["name"] in self.enums:
                    raise ModelError(f"{where}: enum '{e['name']}' declared twice")
                self.enums[e["name"]] = self.build_enum(e, f"{where}: enum '{e['name']}'")
                enums.append(self.enums[e["name"]])
            if "error code" not in self.enums:
                raise ModelError("entropyk.api.yaml: the enum 'error code' must be declared first")
            handles = []
            for h in data.get("handles", []):
                if h["name"] in self.handles:
                    raise ModelError(f"{where}: handle '{h['name']}' declared twice")
                self.handles[h["name"]] = Handle(h["name"], self.names.type(h["name"]), h["kind"],
                                                 " ".join(h["doc"].split()))
                handles.append(self.handles[h["name"]])
            structs, functions = [], []
            for s in data.get("structs", []):
                if s["name"] in self.structs:
                    raise ModelError(f"{where}: struct '{s['name']}' declared twice")
                self.structs[s["name"]] = self.build_struct(s, f"{where}: struct '{s['name']}'")
                structs.append(self.structs[s["name"]])
            for f in data.get("functions", []):
                functions.append(self.build_function(f, mod["name"], capi_ns, f"{where}: function '{f['name']}'"))
            for s_yaml, s in zip(data.get("structs", []), structs):
                if s_yaml.get("init"):
                    functions.append(self.struct_init_function(s, mod["name"], capi_ns))
            modules.append(Module(mod["name"], where, " ".join(mod["doc"].split()), mod["capi header"],
                                  f"{self.names.lower}_{snake(mod['name'])}.cpp", tuple(constants), tuple(enums),
                                  tuple(handles), tuple(structs), tuple(functions)))
        return Api(self.names.lower, self.names.upper, self.version, self.abi_version, tuple(modules),
                   self.enums["error code"])


def load(api_dir: Path, cmakelists: Path) -> Api:
    return Builder(load_files(api_dir), read_version(cmakelists)).build()
