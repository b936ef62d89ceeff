"""Structural validation of *.api.yaml (the role JSON Schema would play; python3-jsonschema is not
among the project's dependencies). Each rule names the file, the path and the fix."""


class SchemaError(ValueError):
    pass


# A spec is: a Python type; ("list", spec); ("choice", [values]); or a dict
# {"required": {...key: spec}, "optional": {...key: spec}}.
DOC = str
NAME = str

VALUE = {"required": {"name": NAME, "value": int, "doc": DOC}, "optional": {}}
ENUM = {"required": {"name": NAME, "value prefix": str, "doc": DOC, "values": ("list", VALUE)}, "optional": {}}
CONSTANT = {"required": {"name": NAME, "type": ("choice", ["float64", "int32", "uint32"]), "value": str, "doc": DOC},
            "optional": {"unit": str}}
HANDLE = {"required": {"name": NAME, "kind": str, "doc": DOC}, "optional": {}}
FIELD = {"required": {"name": NAME, "type": str, "doc": DOC}, "optional": {"unit": str, "default": str}}
STRUCT = {"required": {"name": NAME, "doc": DOC, "fields": ("list", FIELD),
                       "direction": ("choice", ["in", "out", "inout"])},
          "optional": {"init": bool}}
PARAM = {"required": {"name": NAME, "type": str, "doc": DOC},
         "optional": {"direction": ("choice", ["in", "out", "inout"]), "const": bool, "unit": str,
                      "optional": bool, "ownership": ("choice", ["transfer"])}}
RETURNS = {"required": {"type": ("choice", ["status", "void", "static string", "uint32"])}, "optional": {"doc": DOC}}
FUNCTION = {"required": {"name": NAME, "doc": DOC, "params": ("list", PARAM), "ownership": DOC,
                         "thread safety": ("choice", ["any", "per object"]), "allocates": bool, "impl": str},
            "optional": {"returns": RETURNS, "errors": ("list", str), "records error": bool, "since": str}}
MODULE = {"required": {"name": NAME, "doc": DOC, "capi header": str}, "optional": {}}
METADATA = {"required": {"prefix": str, "abi version": int, "modules": ("list", str)}, "optional": {}}
FILE = {"required": {"module": MODULE},
        "optional": {"metadata": METADATA, "constants": ("list", CONSTANT), "enums": ("list", ENUM),
                     "handles": ("list", HANDLE), "structs": ("list", STRUCT), "functions": ("list", FUNCTION)}}


def validate(node, spec, where: str) -> None:
    if isinstance(spec, tuple) and spec[0] == "list":
        if not isinstance(node, list):
            raise SchemaError(f"{where}: expected a list")
        for i, item in enumerate(node):
            validate(item, spec[1], f"{where}[{i}]")
    elif isinstance(spec, tuple) and spec[0] == "choice":
        if node not in spec[1]:
            raise SchemaError(f"{where}: '{node}' is not one of {spec[1]}")
    elif isinstance(spec, dict):
        if not isinstance(node, dict):
            raise SchemaError(f"{where}: expected a mapping")
        for key in spec["required"]:
            if key not in node:
                raise SchemaError(f"{where}: the key '{key}' is required")
        for key, value in node.items():
            sub = spec["required"].get(key, spec["optional"].get(key))
            if sub is None:
                allowed = sorted(list(spec["required"]) + list(spec["optional"]))
                raise SchemaError(f"{where}: unknown key '{key}' (allowed: {', '.join(allowed)})")
            validate(value, sub, f"{where}.{key}")
    elif spec is int:
        if not isinstance(node, int) or isinstance(node, bool):
            raise SchemaError(f"{where}: expected an integer")
    elif not isinstance(node, spec):
        raise SchemaError(f"{where}: expected {spec.__name__}, got {type(node).__name__}")
