"""The one exception type of the package."""

from ._capi import EntropykErrorCode


class EntropykError(Exception):
    """A refused or failed C call. `code` is the EntropykErrorCode the C function returned (an
    IntEnum: EntropykErrorCode.FLUID_ERROR, ...), `message` the object's last-error text
    (entropyk_<object>_last_error), the C library's own words. A failed solve also carries
    `result` (the Result of the failed solve, for diagnosis)."""

    def __init__(self, code, message: str, result=None):
        try:
            code = EntropykErrorCode(int(code))
        except ValueError:
            code = int(code)
        super().__init__(f"[{getattr(code, 'name', code)}] {message}")
        self.code = code
        self.message = message
        self.result = result
