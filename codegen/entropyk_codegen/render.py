"""Jinja2 rendering (StrictUndefined: a typo in a template is an error, not an empty string) and
the list of generated files. Output is deterministic: no timestamps, no absolute paths."""

from __future__ import annotations

from pathlib import Path

import jinja2

from . import cformat, pyformat
from .model import Api
from .names import upper_snake

TEMPLATES = Path(__file__).parent / "templates"


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False)
    env.filters["doc_block"] = lambda text: "\n".join(cformat.doc_block([" ".join(text.split())]))
    env.filters["doc_lines"] = lambda paras: "\n".join(cformat.doc_block(list(paras)))
    env.filters["member_doc"] = lambda text: "\n".join(cformat.member_doc(text))
    env.filters["code"] = lambda s: f"`{s}`"
    return env


def render(api: Api) -> dict[str, str]:
    """Relative path (from the repository root) -> content."""
    env = environment()
    names = pyformat.CtypesNames(api)
    env.filters["ctype"] = names.ctype
    env.filters["field_type"] = lambda f: pyformat.field_type(f, names)
    env.filters["field_default"] = pyformat.field_default
    env.filters["py_comment"] = pyformat.comment
    env.filters["upper_snake"] = upper_snake
    out = {
        "generated/include/entropyk.h": env.get_template("entropyk.h.j2").render(api=api),
        "generated/entropyk.def": env.get_template("entropyk.def.j2").render(api=api),
        "generated/entropyk.map": env.get_template("entropyk.map.j2").render(api=api),
        "docs/c-api.md": env.get_template("c-api.md.j2").render(api=api),
        "generated/python/entropyk/_capi.py": env.get_template("capi.py.j2").render(api=api),
    }
    for module in api.modules:
        out[f"generated/src/{module.tu_name}"] = env.get_template("module.cpp.j2").render(module=module)
    return out
