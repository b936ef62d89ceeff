#!/usr/bin/python3
"""Regenerates the C API from codegen/api/*.api.yaml (see codegen/README.md).

    /usr/bin/python3 codegen/generate.py            # write generated/ and docs/c-api.md
    /usr/bin/python3 codegen/generate.py --check    # exit 1 if they are stale
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.dont_write_bytecode = True  # keep the source tree clean

from entropyk_codegen.__main__ import main  # noqa: E402

sys.exit(main())
