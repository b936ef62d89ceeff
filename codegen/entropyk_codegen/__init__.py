"""Generator of the Entropyk C API (entropyk.h, the extern "C" shims, the reference docs).

Pipeline: load (YAML + structural validation) -> model (frozen dataclasses, every derived fact
precomputed) -> checks (semantic rules, ABI append-only) -> render (Jinja2, StrictUndefined) ->
write or --check.
"""
