"""The generated ctypes module: fresh, and one for one with the C header and the library."""

import ctypes
import re
import subprocess
import sys
from pathlib import Path

import entropyk
from entropyk import _capi
from entropyk._lib import lib

ROOT = Path(__file__).resolve().parents[2]


def test_generated_module_is_fresh():
    # codegen --check renders _capi.py (and the header) in memory and compares with generated/.
    r = subprocess.run([sys.executable, str(ROOT / "codegen" / "generate.py"), "--check"], capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr
    assert "generated/python/entropyk/_capi.py" in subprocess.run(
        [sys.executable, str(ROOT / "codegen" / "generate.py"), "--print-outputs"], capture_output=True,
        text=True).stdout


def test_package_uses_the_generated_module():
    assert Path(_capi.__file__).read_text() == (ROOT / "generated/python/entropyk/_capi.py").read_text()


def test_every_header_function_is_bound_and_exported():
    header = (ROOT / "generated/include/entropyk.h").read_text()
    declared = set(re.findall(r"ENTROPYK_CALL\s+(entropyk_\w+)\(", header))
    assert declared == set(_capi.FUNCTIONS)
    for name in declared:
        assert getattr(lib, name).argtypes is not None or _capi.FUNCTIONS[name][1] == []


def test_enum_values_and_constants_match_the_header():
    header = (ROOT / "generated/include/entropyk.h").read_text()
    values = dict(re.findall(r"^\s+(ENTROPYK_[A-Z0-9_]+) = (-?\d+),?$", header, re.M))
    assert len(values) > 60
    for name, value in values.items():
        assert int(getattr(_capi, name)) == int(value), name
    assert _capi.ENTROPYK_UNDEFINED_IN_TWO_PHASE == -1.0
    assert _capi.EntropykInputPair.PH == 1 and _capi.EntropykErrorCode.NON_PHYSICAL == 12


def test_struct_layouts_match_the_library():
    # The library's own *_init functions write struct_size = sizeof in C and the INIT defaults.
    for s in _capi.STRUCTS:
        ours = s.init()
        theirs = s()
        init = getattr(lib, "entropyk_" + re.sub(r"(?<!^)(?=[A-Z][a-z])", "_", s.__name__[8:]).lower() + "_init")
        assert init(ctypes.byref(theirs)) == 0
        assert theirs.struct_size == ctypes.sizeof(s) == s.C_SIZE
        assert bytes(ours) == bytes(theirs), s.__name__


def test_version():
    assert entropyk.version() == _capi.VERSION_STRING == entropyk.__version__
