"""Properties: scalar and array calls equal the C API bit for bit; errors map to EntropykError."""

import ctypes
import math

import numpy as np
import pytest

import entropyk
from entropyk import _capi
from entropyk._lib import lib

FIELDS = ("phase", "T", "p", "rho", "h", "s", "u", "cp", "cv", "w", "quality")


def c_state(fluid, pair, v1, v2):
    out = _capi.EntropykFluidState.init()
    code = lib.entropyk_fluid_state(fluid._h, pair, v1, v2, ctypes.byref(out))
    return code, out


def same(a, b):
    return np.float64(a).tobytes() == np.float64(b).tobytes()


@pytest.mark.parametrize("backend", ["eos", "tables"])
def test_scalar_state_equals_the_c_call(backend, no_leak):
    with entropyk.Fluid("R134a", backend) as f:
        for kw, pair, v1, v2 in [({"p": 1e6, "h": 4.2e5}, _capi.EntropykInputPair.PH, 1e6, 4.2e5),
                                 ({"T": 300.0, "p": 5e5}, _capi.EntropykInputPair.PT, 5e5, 300.0),
                                 ({"p": 3e5, "q": 0.4}, _capi.EntropykInputPair.PQ, 3e5, 0.4),
                                 ({"T": 280.0, "q": 1.0}, _capi.EntropykInputPair.TQ, 280.0, 1.0)]:
            st = f.state(**kw)
            code, ref = c_state(f, pair, v1, v2)
            assert code == 0
            for name in FIELDS:
                assert same(getattr(st, name), getattr(ref, name)), (kw, name)


def test_two_phase_sentinels():
    st = entropyk.Fluid("R134a").state(p=3e5, q=0.4)
    assert st.phase == entropyk.EntropykPhase.TWO_PHASE
    assert st.cp == _capi.ENTROPYK_UNDEFINED_IN_TWO_PHASE and st.quality == 0.4


@pytest.mark.parametrize("backend", ["eos", "tables"])
def test_array_states_equal_the_scalar_c_calls(backend, no_leak):
    rng = np.random.default_rng(16)
    p = rng.uniform(2e5, 2.5e6, 500)
    h = rng.uniform(2.0e5, 4.6e5, 500)
    with entropyk.Fluid("R32", backend) as f:
        arr = f.state(p=p, h=h)
        assert set(arr) == set(FIELDS) and arr["T"].shape == (500,)
        for i in range(500):
            code, ref = c_state(f, _capi.EntropykInputPair.PH, p[i], h[i])
            assert code == 0
            for name in FIELDS:
                assert same(arr[name][i], getattr(ref, name)), (i, name)


def test_arrays_broadcast_and_frame():
    f = entropyk.Fluid("R290")
    grid = f.state(p=np.array([[2e5], [8e5]]), T=np.array([300.0, 320.0, 340.0]))
    assert grid["rho"].shape == (2, 3)
    assert same(grid["rho"][1, 2], f.state(p=8e5, T=340.0).rho)
    df = f.state(p=[2e5, 8e5], T=300.0, as_frame=True)
    assert list(df.columns) == list(FIELDS) and len(df) == 2


def test_errors_raise_with_the_c_code_and_message(no_leak):
    with entropyk.Fluid("R134a") as f:
        with pytest.raises(entropyk.EntropykError) as e:
            f.state(p=-1.0, h=4e5)
        assert e.value.code == entropyk.EntropykErrorCode.FLUID_ERROR
        assert e.value.message == "entropyk_fluid_state: R134a: p = -1 Pa must be positive (valid range 1e-06 Pa to 7e+07 Pa)"
        # The array call raises for its first failing element, with the C library's text.
        with pytest.raises(entropyk.EntropykError) as e:
            f.state(p=[1e6, 1e6, -1.0], h=4.2e5)
        assert e.value.code == entropyk.EntropykErrorCode.FLUID_ERROR
        assert e.value.message == ("entropyk_fluid_states: element 2 (v1 = -1, v2 = 420000): R134a: p = -1 Pa must "
                                   "be positive (valid range 1e-06 Pa to 7e+07 Pa)")
        with pytest.raises(entropyk.EntropykError) as e:
            f.state(p=math.nan, h=4e5)
        assert e.value.code == entropyk.EntropykErrorCode.INVALID_ARGUMENT


def test_errors_nan_mode_keeps_the_good_elements():
    f = entropyk.Fluid("R134a")
    r = f.state(p=[1e6, -1.0, math.nan], h=4.2e5, errors="nan")
    assert list(r["code"]) == [0, _capi.ENTROPYK_FLUID_ERROR, _capi.ENTROPYK_INVALID_ARGUMENT]
    assert same(r["T"][0], f.state(p=1e6, h=4.2e5).T)
    assert math.isnan(r["T"][1]) and math.isnan(r["h"][2]) and r["phase"][1] == -1


def test_bad_names_and_pairs():
    with pytest.raises(entropyk.EntropykError) as e:
        entropyk.Fluid("no such fluid")
    assert e.value.code == entropyk.EntropykErrorCode.FLUID_ERROR
    assert e.value.message == "Fluid('no such fluid'): " + entropyk._lib.error_string(_capi.ENTROPYK_FLUID_ERROR)
    with pytest.raises(TypeError):
        entropyk.Fluid("R134a").state(h=1.0, s=2.0)
    with pytest.raises(ValueError):
        entropyk.Fluid("R134a", backend="fast")


def test_closed_fluid_is_refused():
    f = entropyk.Fluid("R744")
    assert f.name == "R744"
    f.close()
    f.close()  # idempotent
    with pytest.raises(entropyk.EntropykError) as e:
        f.state(p=1e6, T=300.0)
    assert e.value.code == entropyk.EntropykErrorCode.INVALID_HANDLE


def test_names_and_info():
    names = entropyk.fluid_names()
    assert "R134a" in names and "R410A" in names and len(names) == 17
    info = entropyk.Fluid("R134a").info()
    assert 374.0 < info["T_critical"] < 374.3
