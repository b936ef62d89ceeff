"""Unit tests of the C API generator: name casing, the semantic checks (each with a failing
variant of the mini description), formatting against clang-format, rendering determinism.
Run: /usr/bin/python3 -m unittest discover -s codegen/tests -t codegen"""

import copy
import json
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import yaml

from entropyk_codegen import cformat, checks, model, names, pyformat, render

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MINI = HERE / "fixtures" / "mini" / "entropyk.api.yaml"
CMAKELISTS = ROOT / "CMakeLists.txt"


def build(doc: dict) -> model.Api:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "entropyk.api.yaml").write_text(yaml.safe_dump(doc, sort_keys=False))
        api = model.load(Path(tmp), CMAKELISTS)
    checks.check(api)
    return api


class Names(unittest.TestCase):
    def test_casing(self):
        n = names.CNames("entropyk")
        self.assertEqual(n.function("fluid last error"), "entropyk_fluid_last_error")
        self.assertEqual(n.function("result get COP"), "entropyk_result_get_cop")
        self.assertEqual(n.type("solver result"), "EntropykSolverResult")
        self.assertEqual(n.type("COP"), "EntropykCOP")
        self.assertEqual(n.constant("input", "PT"), "ENTROPYK_INPUT_PT")
        self.assertEqual(n.constant("", "null pointer"), "ENTROPYK_NULL_POINTER")
        self.assertEqual(names.snake("struct size"), "struct_size")
        self.assertEqual(names.snake("T critical"), "T_critical")

    def test_bad_names(self):
        for bad in ["", "two  spaces", "dash-ed", " lead", "9lives"]:
            with self.assertRaises(names.NameError_):
                names.words(bad)


class Checks(unittest.TestCase):
    def setUp(self):
        self.doc = yaml.safe_load(MINI.read_text())

    def fails(self, mutate, message):
        doc = copy.deepcopy(self.doc)
        mutate(doc)
        with self.assertRaises((model.ModelError, checks.CheckError, names.NameError_)) as ctx:
            build(doc)
        self.assertIn(message, str(ctx.exception))

    def test_mini_is_valid(self):
        api = build(self.doc)
        f = {f.c_name: f for f in api.functions}
        self.assertEqual(sorted(f), ["entropyk_thing_config_init", "entropyk_thing_create", "entropyk_thing_get_cop",
                                     "entropyk_thing_history"])
        self.assertEqual([p.decl for p in f["entropyk_thing_history"].c_params],
                         ["EntropykThing* thing", "double* buffer", "size_t capacity", "size_t* out_len"])
        self.assertEqual([e.c_name for e in f["entropyk_thing_create"].universal_errors],
                         ["ENTROPYK_NULL_POINTER", "ENTROPYK_INTERNAL_ERROR"])
        self.assertEqual([e.c_name for e in f["entropyk_thing_get_cop"].universal_errors],
                         ["ENTROPYK_NULL_POINTER", "ENTROPYK_INVALID_HANDLE", "ENTROPYK_INTERNAL_ERROR"])
        self.assertIn('capi::guarded_call<capi::thing_create>("entropyk_thing_create", config, out);',
                      "\n".join(f["entropyk_thing_create"].def_lines))

    def test_schema_unknown_key(self):
        self.fails(lambda d: d["functions"][0].update(colour="red"), "unknown key 'colour'")

    def test_schema_missing_doc(self):
        self.fails(lambda d: d["functions"][0].pop("doc"), "the key 'doc' is required")

    def test_unresolved_reference(self):
        self.fails(lambda d: d["functions"][0]["params"][0].update(type="struct.nothing"), "unknown struct 'nothing'")

    def test_todo_doc(self):
        self.fails(lambda d: d["functions"][1].update(doc="TODO"), "documentation is empty or a TODO")

    def test_float_needs_unit(self):
        self.fails(lambda d: d["structs"][0]["fields"][2].pop("unit"), "need a unit")

    def test_struct_padding(self):
        self.fails(lambda d: d["structs"][0]["fields"].pop(1), "implicit padding")

    def test_struct_header(self):
        self.fails(lambda d: d["structs"][0]["fields"][0].update(name="size"), "the first field must be 'struct size'")

    def test_case_insensitive_clash(self):
        def clash(d):
            f = copy.deepcopy(d["functions"][1])
            f["name"] = "thing get cop"
            d["functions"].append(f)
        self.fails(clash, "clashes")

    def test_name_length(self):
        self.fails(lambda d: d["functions"][1].update(name="thing " + "very " * 12 + "long"), "longer than 63")

    def test_error_codes_contiguous(self):
        self.fails(lambda d: d["enums"][0]["values"][1].update(value=7), "must be 0, 1, 2")

    def test_unknown_error_name(self):
        self.fails(lambda d: d["functions"][2].update(errors=["no such error"]), "not an error code name")

    def test_too_many_errors(self):
        self.fails(lambda d: d["functions"][2].update(errors=["OK", "null pointer", "invalid handle", "internal error",
                                                               "buffer too small"]), "at most 4 expected errors")

    def test_buffer_name(self):
        self.fails(lambda d: d["functions"][2]["params"][1].update(name="values"), "named 'buffer'")


class Abi(unittest.TestCase):
    def test_append_only(self):
        doc = yaml.safe_load(MINI.read_text())
        api = build(doc)
        with tempfile.TemporaryDirectory() as tmp:
            frozen = Path(tmp) / "abi.json"
            frozen.write_text(json.dumps(checks.abi_record(api)))
            doc["enums"][0]["values"].append({"name": "timeout", "value": 5, "doc": "Late."})
            checks.check_abi(build(doc), frozen)  # appending is fine
            doc["enums"][0]["values"][4]["value"] = 6
            doc["enums"][0]["values"][5]["value"] = 4
            with self.assertRaises(checks.CheckError):
                checks.check_abi(build(doc), frozen)


class Formatting(unittest.TestCase):
    def test_call_packing(self):
        head = "ENTROPYK_EXPORT EntropykErrorCode ENTROPYK_CALL entropyk_fluid_state("
        lines = cformat.call(head, ["const EntropykFluid* fluid", "EntropykInputPair pair", "double v1", "double v2",
                                    "EntropykFluidState* out"], ");")
        self.assertEqual(len(lines), 2)
        self.assertTrue(all(len(line) <= cformat.LIMIT for line in lines))
        self.assertEqual(lines[1].index("double"), len(head))

    def test_matches_clang_format(self):
        exe = shutil.which("clang-format-14") or shutil.which("clang-format")
        if exe is None:
            self.skipTest("clang-format not installed")
        long_params = [f"const EntropykType{i}* param_{i}" for i in range(9)] + ["size_t capacity", "size_t* out_len"]
        short_params = ["EntropykSystem* system", "uint32_t component", "EntropykInput which", "double value",
                        "const EntropykNewtonConfig* config", "EntropykSolverResult* reused", "double* buffer",
                        "size_t capacity", "size_t* out_len", "int32_t a", "double b"]
        source = []
        for n, length, params in [(n, length, params) for params in (long_params, short_params)
                                  for n in range(1, len(params) + 1)
                                  for length in range(12, 64, 3)]:  # C names are at most 63 characters
                name = ("entropyk_" + "abcdefghij_" * 6)[:length]
                head = f"ENTROPYK_EXPORT EntropykErrorCode ENTROPYK_CALL {name}("
                split = len(head) - len(name) - 1
                source += cformat.call(head, params[:n], ");", split_at=split)
                source += cformat.function_definition(head, params[:n], "return capi::guarded_call<capi::impl>(",
                                                      [f'"{name}"'] + [p.split()[-1] for p in params[:n]],
                                                      split_at=split)
        text = "\n".join(source) + "\n"
        out = subprocess.run([exe, f"--style=file:{ROOT / '.clang-format'}", "--assume-filename=x.cpp"],
                             input=text, capture_output=True, text=True, check=True).stdout
        self.assertEqual(out, text)


class Rendering(unittest.TestCase):
    def test_deterministic_and_complete(self):
        api = model.load(ROOT / "codegen" / "api", CMAKELISTS)
        checks.check(api)
        a, b = render.render(api), render.render(api)
        self.assertEqual(a, b)
        self.assertIn("generated/include/entropyk.h", a)
        header = a["generated/include/entropyk.h"]
        for f in api.functions:
            self.assertRegex(header, rf"(?m)(^| ){f.c_name}\(")
            self.assertIn("@note Ownership:", "\n".join(f.doc_lines))
        self.assertNotIn(str(ROOT), "".join(a.values()))

    def test_python_binding(self):
        """The ctypes module: valid Python, every function, every struct with the model's size."""
        api = model.load(ROOT / "codegen" / "api", CMAKELISTS)
        text = render.render(api)["generated/python/entropyk/_capi.py"]
        ns: dict = {}
        exec(compile(text, "_capi.py", "exec"), ns)  # also runs the load-time size checks
        self.assertEqual(set(ns["FUNCTIONS"]), {f.c_name for f in api.functions})
        for s in api.structs:
            self.assertEqual(ns[s.c_name].C_SIZE, s.size)
            self.assertEqual([f for f, _ in ns[s.c_name]._fields_], [f.c_name for f in s.fields])
        n = pyformat.CtypesNames(api)
        self.assertEqual(n.ctype("const EntropykFluid*"), "ctypes.c_void_p")
        self.assertEqual(n.ctype("EntropykFluid**"), "ctypes.POINTER(ctypes.c_void_p)")
        self.assertEqual(n.ctype("const double*"), "ctypes.POINTER(ctypes.c_double)")
        self.assertEqual(n.ctype("EntropykErrorCode"), "ctypes.c_int32")
        with self.assertRaises(pyformat.PyTypeError):
            n.ctype("long double")


if __name__ == "__main__":
    unittest.main()
