"""Canonical names -> C spellings.

A canonical name is lower-case words separated by spaces ("fluid state", "get state vector");
acronyms and symbols are written as they should appear ("COP", "PT", "T"). Every C spelling is
derived here and nowhere else.
"""

import re

WORD = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")


class NameError_(ValueError):
    pass


def words(name: str) -> list[str]:
    parts = name.split(" ")
    if not name or any(not WORD.match(p) for p in parts):
        raise NameError_(f"'{name}' is not a canonical name (words of letters and digits separated by single spaces)")
    return parts


def snake(name: str) -> str:
    """Field and parameter names: words joined by '_', case kept ("struct size" -> struct_size, "T" -> T)."""
    return "_".join(words(name))


def lower_snake(name: str) -> str:
    """Function names: all lower case ("fluid last error" -> fluid_last_error)."""
    return "_".join(w.lower() for w in words(name))


def upper_snake(name: str) -> str:
    """Constants and enum values ("input pair" -> INPUT_PAIR)."""
    return "_".join(w.upper() for w in words(name))


def camel(name: str) -> str:
    """Type names ("fluid state" -> FluidState, "solver result" -> SolverResult, "COP" -> COP)."""
    return "".join(w[0].upper() + w[1:] for w in words(name))


class CNames:
    """The C spellings for one prefix ("entropyk")."""

    def __init__(self, prefix: str):
        self.lower = lower_snake(prefix)
        self.upper = upper_snake(prefix)
        self.camel = camel(prefix)

    def function(self, name: str) -> str:
        return f"{self.lower}_{lower_snake(name)}"

    def type(self, name: str) -> str:
        return f"{self.camel}{camel(name)}"

    def constant(self, *parts: str) -> str:
        return "_".join([self.upper] + [upper_snake(p) for p in parts if p])

    def macro(self, suffix: str) -> str:
        return f"{self.upper}_{suffix}"
