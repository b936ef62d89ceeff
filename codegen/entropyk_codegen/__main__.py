"""Command line: python3 -m entropyk_codegen [--check] [--freeze-abi] [--print-outputs] [--print-deps]

Without options, renders the C API into the repository (only changed files are rewritten, so
timestamps stay stable for Ninja). --check renders in memory and exits 1 if any generated file
differs from a fresh render (or if generated/src holds a file the description no longer makes).
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

from . import checks, model, render

ROOT = Path(__file__).resolve().parents[2]
CODEGEN = ROOT / "codegen"
ABI_FILE = CODEGEN / "abi" / "entropyk-abi-v0.json"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="entropyk_codegen", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=ROOT, help="repository root (default: this checkout)")
    ap.add_argument("--check", action="store_true", help="fail if generated files are stale")
    ap.add_argument("--freeze-abi", action="store_true", help="record the current ABI (a release step)")
    ap.add_argument("--print-outputs", action="store_true", help="list the generated files and exit")
    ap.add_argument("--print-deps", action="store_true", help="list the generator's inputs and exit")
    args = ap.parse_args(argv)
    root = args.root.resolve()

    try:
        api = model.load(root / "codegen" / "api", root / "CMakeLists.txt")
        checks.check(api)
        abi_file = root / "codegen" / "abi" / f"entropyk-abi-v{api.abi_version}.json"
        if args.freeze_abi:
            if abi_file.exists():
                checks.check_abi(api, abi_file)
            abi_file.write_text(json.dumps(checks.abi_record(api), indent=2, sort_keys=True) + "\n")
            print(f"wrote {abi_file.relative_to(root)}")
        checks.check_abi(api, abi_file)
    except (model.ModelError, checks.CheckError) as e:
        print(f"entropyk_codegen: error: {e}", file=sys.stderr)
        return 2

    files = render.render(api)
    if args.print_outputs:
        print("\n".join(sorted(files)))
        return 0
    if args.print_deps:
        deps = sorted(str(p.relative_to(root)) for p in (root / "codegen").rglob("*")
                      if p.suffix in {".yaml", ".j2", ".py", ".json"} and "tests" not in p.parts
                      and p.relative_to(root / "codegen").parts[0] not in ("fluids", "python"))
        print("\n".join(deps + ["CMakeLists.txt"]))
        return 0

    stale = sorted(p for p, text in files.items()
                   if not (root / p).exists() or (root / p).read_text() != text)
    extra = sorted(str(p.relative_to(root)) for p in (root / "generated" / "src").glob("*")
                   if str(p.relative_to(root)) not in files)
    if args.check:
        for p in stale:
            old = (root / p).read_text().splitlines(keepends=True) if (root / p).exists() else []
            sys.stderr.writelines(list(difflib.unified_diff(old, files[p].splitlines(keepends=True),
                                                            f"a/{p}", f"b/{p}"))[:60])
        if stale or extra:
            print("generated/ is stale: run /usr/bin/python3 codegen/generate.py "
                  f"(differs: {', '.join(stale) or '-'}; not generated any more: {', '.join(extra) or '-'})",
                  file=sys.stderr)
            return 1
        print(f"entropyk_codegen: {len(files)} generated files are up to date")
        return 0
    for p in stale:
        (root / p).parent.mkdir(parents=True, exist_ok=True)
        (root / p).write_text(files[p])
        print(f"wrote {p}")
    for p in extra:
        (root / p).unlink()
        print(f"removed {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
