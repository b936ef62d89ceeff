"""C types of the model -> ctypes expressions, for the generated Python binding
(generated/python/entropyk/_capi.py). The mapping is closed: an unknown C type is an error, so a
new kind of parameter in the description cannot silently get a wrong ctypes signature."""

from __future__ import annotations

from .model import Api

SCALARS = {"double": "ctypes.c_double", "int32_t": "ctypes.c_int32", "uint32_t": "ctypes.c_uint32",
           "size_t": "ctypes.c_size_t"}


class PyTypeError(ValueError):
    pass


class CtypesNames:
    """Knows the API's enum, struct and handle spellings; turns one C type into a ctypes type."""

    def __init__(self, api: Api):
        self.enums = {e.c_name for e in api.enums} | {api.errors.c_name}
        self.structs = {s.c_name for s in api.structs}
        self.handles = {h.c_name for h in api.handles}

    def base(self, t: str) -> str:
        if t in SCALARS:
            return SCALARS[t]
        if t in self.enums:
            return "ctypes.c_int32"  # every enum type is an int32_t typedef
        if t in self.structs:
            return t
        if t in self.handles:
            return "ctypes.c_void_p"  # opaque: the library checks the kind of every handle it gets
        if t == "char":
            return "ctypes.c_char"
        raise PyTypeError(f"no ctypes spelling for the C type '{t}'")

    def ctype(self, c_type: str) -> str:
        t = c_type.strip()
        if t == "void":
            return "None"
        if t == "const char*":
            return "ctypes.c_char_p"
        if t.startswith("const "):
            t = t[len("const "):]
        stars = len(t) - len(t.rstrip("*"))
        base = t.rstrip("*").strip()
        if base in self.handles:  # a handle is already a pointer: H* -> c_void_p, H** -> POINTER(c_void_p)
            stars -= 1
        expr = self.base(base)
        for _ in range(stars):
            expr = f"ctypes.POINTER({expr})"
        return expr


def field_type(field, names: CtypesNames) -> str:
    base = names.base(field.c_type)
    return f"{base} * {field.count}" if field.count else base


def field_default(field) -> str:
    """The *_INIT value of one field as a Python literal (arrays: the element value)."""
    d = str(field.default)
    if field.count:
        d = d.strip("{}").split(",")[0].strip()
    float(d)  # the defaults are numeric literals; anything else is a description error
    return d


def comment(text: str, indent: int = 0) -> str:
    """A doc text as '# ' comment lines wrapped at 110 columns (comments need no escaping)."""
    import textwrap
    pad = " " * indent
    return "\n".join(textwrap.wrap(" ".join(str(text).split()), width=110, initial_indent=pad + "# ",
                                   subsequent_indent=pad + "# ", break_on_hyphens=False))
