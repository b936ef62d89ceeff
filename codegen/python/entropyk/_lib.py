"""Loads libentropyk.so once per process and turns C status codes into Python exceptions.

Where the library is: the ENTROPYK_LIBRARY environment variable when set, else the path the build
wrote into _library.py (the build tree's library, or after `cmake --install` the installed one,
relative to this package). Nothing is compiled here: ctypes over the C API only."""

import ctypes
import os

from . import _capi
from .errors import EntropykError


def _library_path() -> str:
    env = os.environ.get("ENTROPYK_LIBRARY")
    if env:
        return env
    try:
        from ._library import LIBRARY
    except ImportError:  # a package assembled by hand: let the dynamic loader search
        return "libentropyk.so.0"
    if os.path.isabs(LIBRARY):
        return LIBRARY
    # Relative to this package (an installed copy); normpath keeps the soname link (libentropyk.so.0).
    return os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), LIBRARY))


LIBRARY_PATH = _library_path()
lib = _capi.bind(ctypes.CDLL(LIBRARY_PATH))

if lib.entropyk_version_number() != _capi.VERSION_NUMBER:
    raise ImportError(f"{LIBRARY_PATH} is Entropyk {lib.entropyk_version().decode()}, this package was generated "
                      f"for {_capi.VERSION_STRING}")

_LAST_ERROR = {
    "fluid": lib.entropyk_fluid_last_error,
    "system": lib.entropyk_system_last_error,
    "component": lib.entropyk_component_last_error,
    "result": lib.entropyk_result_last_error,
}


def read_text(fn, *args) -> str:
    """Calls a (..., buffer, capacity, out_len) getter: a size query, then the real call."""
    n = ctypes.c_size_t(0)
    code = fn(*args, None, 0, ctypes.byref(n))
    if code not in (0, _capi.ENTROPYK_BUFFER_TOO_SMALL):
        raise EntropykError(code, f"{fn.__name__}: {error_string(code)}")
    buf = ctypes.create_string_buffer(n.value + 1)
    code = fn(*args, buf, n.value + 1, ctypes.byref(n))
    if code != 0:
        raise EntropykError(code, f"{fn.__name__}: {error_string(code)}")
    return buf.value.decode("utf-8", "replace")


def error_string(code: int) -> str:
    return lib.entropyk_error_string(int(code)).decode()


def last_error(kind: str, handle) -> str:
    if not handle:
        return ""
    return read_text(_LAST_ERROR[kind], handle)


def check(code: int, kind: str = None, handle=None, what: str = "") -> int:
    """Raises EntropykError for any code but ENTROPYK_OK; the message is the handle's last-error
    text (the C library's own detail) or, for calls without a handle, the code's description."""
    if code == 0:
        return code
    message = last_error(kind, handle) if kind else ""
    if not message:
        message = f"{what}: {error_string(code)}" if what else error_string(code)
    raise EntropykError(code, message)


def live_handles() -> int:
    """Handles of every kind created and not yet released in this process (entropyk_live_handles)."""
    return int(lib.entropyk_live_handles())


def version() -> str:
    return lib.entropyk_version().decode()


class HandleOwner:
    """Owns one C handle (`_h`), released once by close(), the end of a with-block or garbage
    collection, with the library's free function named by `_free` ("entropyk_fluid_free", ...)."""

    _free = ""

    def close(self):
        if getattr(self, "_h", None):
            getattr(lib, self._free)(self._h)
            self._h = ctypes.c_void_p()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()
