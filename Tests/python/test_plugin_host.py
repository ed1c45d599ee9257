"""The plugin host (examples/plugin-host) and the libffi binding (bindings/c) from outside.

- the host builds from its sources and bindings/c alone, without include/autoexports.h;
- --list and --help show what the registry offers;
- for every registered function, the host's output for the registry's sample arguments
  equals a direct call (ctypes with the hand-written prototype table, formatted the same);
- bad input gives a clear error, never a crash: unknown function, wrong argument count,
  text where a number is expected, a library that is not autoexports, a future ABI;
- the binding runs clean under valgrind.
"""

import ctypes
import math
import os
import re
import shutil
import subprocess
from ctypes import c_char_p, c_double, c_int32, c_int64, c_void_p

import numpy as np
import pytest
from autoexports import AutoExportsError, registry
from autoexports._ffi import lib


@pytest.fixture(scope="module")
def host(repo, tmp_path_factory):
    sources = [repo / "examples" / "plugin-host" / "plugin-host.c", repo / "bindings" / "c" / "aexffi.c"]
    for s in sources + [repo / "bindings" / "c" / "aexffi.h"]:
        assert "autoexports.h" not in re.sub(r"/\*.*?\*/", "", s.read_text(), flags=re.S), f"{s} uses the header"
    exe = tmp_path_factory.mktemp("host") / "plugin-host"
    subprocess.run(
        [
            "cc",
            "-std=c11",
            "-Wall",
            "-Wextra",
            "-pedantic",
            "-Werror",
            "-O2",
            "-g",
            "-I",
            str(repo / "bindings" / "c"),
            *map(str, sources),
            "-lffi",
            "-ldl",
            "-lm",
            "-o",
            str(exe),
        ],
        check=True,
    )
    return exe


def run(host, libpath, *args, stdin=None):
    return subprocess.run([str(host), str(libpath), *args], capture_output=True, text=True, input=stdin, timeout=120)


# ---- the direct side: the same call through ctypes and _ffi.PROTOTYPES --------------------


def fmt_double(x: float) -> str:
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    s = "%.15g" % x
    return s if float(s) == x else "%.17g" % x


def inputs_of(fn):
    return [p for p in fn["params"] if p["direction"] == "in" or (p["type"] == "buffer" and p["length_param"] is None)]


def parse_int(p, text):
    for a in p["allowed"] or []:
        if a["name"] == text:
            return a["value"]
    return int(text)


ARRAYS = {"double_array": (np.float64, float), "int32_array": (np.int32, int), "int64_array": (np.int64, int)}


def direct(fn, words):
    """(stdout, stderr, returncode) of calling fn directly, as the host prints them."""
    L = lib()
    L.aex_registry_count()  # start from a clear error text, as the host does
    ins = inputs_of(fn)
    given = dict(zip((id(p) for p in ins), words))
    cargs, outputs, keep = [], [], []
    # Array lengths first: output buffers (listed first) are sized by them.
    arrays = {
        i: len(given.get(id(p), p["default"]).split(",")) if given.get(id(p), p["default"]) else 0
        for i, p in enumerate(fn["params"])
        if p["type"] in ARRAYS
    }
    for i, p in enumerate(fn["params"]):
        text = given.get(id(p), p["default"])
        if p["direction"] == "in":
            t = p["type"]
            if t in ("int32", "int64"):
                cargs.append(parse_int(p, text))
            elif t == "double":
                cargs.append(float(text))
            elif t == "string":
                cargs.append(text.encode())
            elif t == "handle":
                assert text == "NULL"
                cargs.append(None)
            elif t in ARRAYS:
                dtype, conv = ARRAYS[t]
                a = np.array([conv(x) for x in text.split(",")] if text else [], dtype=dtype)
                keep.append(a)
                cargs.append(a.ctypes.data if len(a) else None)
                if p["length_param"] is None:
                    cargs.append(len(a))
            continue
        if p["type"] == "buffer":
            n = arrays[p["length_param"]] if p["length_param"] is not None else int(text)
            ctype = {"double": c_double, "int32": c_int32, "int64": c_int64, "string": ctypes.c_char}[p["element_type"]]
            buf = (ctype * max(n, 1))()
            outputs.append((p, buf, n))
            cargs.append(ctypes.addressof(buf))
            if p["length_param"] is None:
                cargs.append(n)
        else:
            ctype = {"int32": c_int32, "int64": c_int64, "double": c_double, "string": c_char_p, "handle": c_void_p}[
                p["type"]
            ]
            box = ctype()
            outputs.append((p, box, None))
            cargs.append(ctypes.addressof(box))
    try:
        ret = getattr(L, fn["symbol"])(*cargs)
    except AutoExportsError as e:
        return "", f"error: {e.status_name}: {e.message}\n", 1
    lines, err = [], ""
    kind = fn["returns"]["type"]
    if kind in ("int32", "int64"):
        lines.append(str(ret))
    elif kind == "double":
        lines.append(fmt_double(ret))
    elif kind == "string":
        lines.append("NULL" if ret is None else ret.decode())
    elif kind == "handle":
        lines.append("<handle>" if ret else "NULL")
    if kind in ("string", "handle") and not ret:
        message = L.aex_last_error_message().decode()
        err = f"note: {message}\n" if message else ""
    for p, box, n in outputs:
        if p["type"] == "buffer":
            if p["element_type"] == "double":
                lines.append(",".join(fmt_double(box[k]) for k in range(n)))
            elif p["element_type"] == "string":
                lines.append(bytes(box)[:n].split(b"\0")[0].decode())
            else:
                lines.append(",".join(str(box[k]) for k in range(n)))
        elif p["type"] == "double":
            lines.append(fmt_double(box.value))
        elif p["type"] == "string":
            lines.append("NULL" if box.value is None else box.value.decode())
        elif p["type"] == "handle":
            lines.append("<handle>" if box.value else "NULL")
        else:
            lines.append(str(box.value))
    return "".join(line + "\n" for line in lines), err, 0


FUNCTIONS = registry()["functions"]


@pytest.mark.parametrize("fn", FUNCTIONS, ids=[f["symbol"] for f in FUNCTIONS])
def test_host_output_equals_direct_call_for_every_registered_function(host, libpath, fn):
    words = fn["example"].split()
    n_inputs = len(inputs_of(fn))
    required = n_inputs - len([p for p in inputs_of(fn)[::-1] if p["default"] is not None and p["direction"] == "in"])
    assert required <= len(words) <= n_inputs, f"{fn['symbol']}: its example must give its inputs (registry `example:`)"
    r = run(host, libpath, fn["symbol"], *words)
    assert (r.stdout, r.stderr, r.returncode) == direct(fn, words)


def test_issue_example_rank_eq(host, libpath):
    if not any(f["symbol"] == "aex_rank_eq" for f in FUNCTIONS):
        pytest.skip("aex_rank_eq is not in this library yet")
    r = run(host, libpath, "aex_rank_eq", "20", "30,20,20,10", "0")
    assert (r.stdout, r.returncode) == ("2\n", 0)


def test_rank_values_from_the_command_line(host, libpath):
    r = run(host, libpath, "aex_rank_values", "30,20,20,10", "fractional", "descending")
    assert (r.stdout, r.returncode) == ("1,2.5,2.5,4\n", 0)
    r = run(host, libpath, "rank_values", "30,nan,20,20", "competition", "descending", "bottom")
    assert r.stdout == "1,4,2,2\n"


def test_list_shows_every_registered_function(host, libpath):
    r = run(host, libpath, "--list")
    assert r.returncode == 0
    listed = [line.split()[0] for line in r.stdout.splitlines()]
    assert listed == [f["symbol"] for f in FUNCTIONS]
    assert "Rank n values with a tie method" in r.stdout


def test_help_shows_signature_parameters_and_example(host, libpath):
    r = run(host, libpath, "--help", "rank_values")
    assert r.returncode == 0
    assert r.stdout.startswith(
        "int32_t aex_rank_values(double *out_ranks, const double *values, int64_t n, "
        "int32_t method, int32_t order, int32_t missing)\n"
    )
    assert "0=competition, 1=competition_max, 2=fractional, 3=dense, 4=ordinal" in r.stdout
    assert "[default 1]" in r.stdout
    assert "usage: plugin-host LIB aex_rank_values values [method] [order] [missing]" in r.stdout
    assert "example: plugin-host LIB aex_rank_values 30,20,20,10 competition descending keep" in r.stdout
    r = run(host, libpath, "--help", "nope")
    assert r.returncode == 2 and 'no function named "nope"' in r.stderr


@pytest.mark.parametrize(
    "args,message",
    [
        (["aex_nope"], 'error: AEXFFI_E_UNKNOWN_FUNCTION: no function named "aex_nope"'),
        (["aex_rank_values"], "takes 1 to 4 arguments (values, method, order, missing), got 0"),
        (["aex_rank_values", "1,2", "0", "0", "0", "0"], "got 5"),
        (["aex_status_string", "abc"], 'argument 1 (status): "abc" is not an integer'),
        (["aex_rank_values", "30,twenty"], 'argument 1 (values): item 2 "twenty" is not a number'),
        (["aex_rank_values", "1,2", "fastest"], '"fastest" is not an integer or one of competition, competition_max'),
        (["aex_rank_values", "1,2", "9"], "error: AEX_E_INVALID_ARGUMENT: aex_rank_values: method has unknown value 9"),
        (["aex_status_string", "4294967296"], "does not fit in int32"),
    ],
)
def test_bad_calls_are_clear_errors(host, libpath, args, message):
    r = run(host, libpath, *args)
    assert r.returncode == 1 and r.stdout == ""
    assert message in r.stderr, r.stderr
    assert r.stderr.count("\n") == 1


def test_a_library_that_is_not_autoexports_is_refused(host, tmp_path):
    other = tmp_path / "libother.so"
    src = tmp_path / "other.c"
    src.write_text("int other(void) { return 1; }\n")
    subprocess.run(["cc", "-shared", "-fPIC", str(src), "-o", str(other)], check=True)
    r = run(host, other, "--list")
    assert r.returncode == 2
    assert r.stderr == f"plugin-host: {other} is not libautoexports: it has no symbol aex_get_api\n"
    r = run(host, tmp_path / "missing.so", "--list")
    assert r.returncode == 2 and "cannot open" in r.stderr and "missing.so" in r.stderr
    r = run(host, src, "--list")
    assert r.returncode == 2 and "cannot open" in r.stderr


def test_a_library_of_a_future_abi_is_refused(host, repo, tmp_path):
    future = tmp_path / "libautoexports.so"
    subprocess.run(
        ["cc", "-shared", "-fPIC", str(repo / "Tests" / "hosts" / "future_abi.c"), "-o", str(future)], check=True
    )
    r = run(host, future, "--list")
    assert r.returncode == 2
    assert "does not provide ABI major 1, the one this binding was written for (it provides ABI major 2)" in r.stderr
    assert "aex_get_api: ABI major 1 is not provided by this library (it provides 2)" in r.stderr


def test_a_bare_file_name_means_the_file_in_the_current_folder(host, libpath):
    r = subprocess.run([str(host), libpath.name, "aex_abi_version"], cwd=libpath.parent, capture_output=True, text=True)
    assert (r.stdout, r.returncode) == ("1\n", 0)


def test_batch_runs_every_call_and_goes_on_after_errors(host, libpath):
    r = run(host, libpath, "--batch", stdin="aex_rank_values 3,1,2\n# a comment\n\naex_nope\naex_status_string 0\n")
    assert r.returncode == 1
    assert r.stdout.splitlines() == [
        "1,3,2",
        'error: AEXFFI_E_UNKNOWN_FUNCTION: no function named "aex_nope" in libautoexports 0.1.0',
        "AEX_OK",
    ]


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
def test_binding_and_host_run_clean_under_valgrind(host, repo, libpath, tmp_path):
    # valgrind 3.19 cannot read the DWARF 5 the Swift toolchain writes: use a copy without it.
    lib_copy = tmp_path / "libautoexports.so"
    shutil.copy(libpath, lib_copy)
    subprocess.run(["strip", "--strip-debug", str(lib_copy)], check=True)
    calls = [f"{f['symbol']} {f['example']}" for f in FUNCTIONS] + [
        "aex_nope",
        "aex_rank_values",
        "aex_rank_values 1,x",
        "aex_rank_values 1,2 9",
        "aex_status_string abc",
        "aex_registry_get -1",
        "aex_rank_values 30,nan,20,-inf fractional ascending top",
    ]
    r = subprocess.run(
        [
            "valgrind",
            "--error-exitcode=99",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect",
            f"--suppressions={repo / 'Tests' / 'hosts' / 'valgrind.supp'}",
            str(host),
            str(lib_copy),
            "--batch",
        ],
        input="\n".join(calls) + "\n",
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 1, r.stderr[-3000:]  # 1: some calls failed on purpose; 99: valgrind found errors
    assert "ERROR SUMMARY: 0 errors" in r.stderr, r.stderr[-3000:]
    assert re.search(r"definitely lost: 0 bytes", r.stderr) or "All heap blocks were freed" in r.stderr
    # 5 deliberate failures, plus the examples that fail on purpose (a NULL handle).
    failing_examples = sum(1 for f in FUNCTIONS if direct(f, f["example"].split())[2] != 0)
    assert r.stdout.count("error:") == 5 + failing_examples


@pytest.fixture(scope="module")
def shapes(repo, tmp_path_factory):
    """A stand-in library whose registry uses the shapes the real one does not use yet."""
    out = tmp_path_factory.mktemp("shapes") / "libshapes.so"
    subprocess.run(
        [
            "cc",
            "-std=c11",
            "-Wall",
            "-Wextra",
            "-Werror",
            "-shared",
            "-fPIC",
            "-I",
            str(repo / "include"),
            str(repo / "Tests" / "hosts" / "shapes.c"),
            "-o",
            str(out),
        ],
        check=True,
    )
    return out


@pytest.mark.parametrize(
    "args,stdout",
    [
        (["aex_shape_groups", "1,2,3", "10,20,30"], "11,22,33\n"),  # an int64 array sharing n
        (["aex_shape_groups", "", ""], "\n"),  # empty arrays
        (["aex_shape_sum", "1,2,4"], "7\n3\n2.3333333333333335\n"),  # out int64, int32, double
        (["aex_shape_sum", ""], "0\n0\n0\n"),
        (["aex_shape_text", "16", "3"], "shape 3\n7\n"),  # a text buffer + its length
        (["aex_shape_text", "16"], "shape 7\n7\n"),  # a default
        (["aex_shape_squares", "4"], "0,1,4,9\n"),  # a buffer with its own length
        (["aex_shape_squares", "0", "NULL"], "\n"),
    ],
)
def test_every_argument_shape_through_the_binding(host, shapes, args, stdout):
    r = run(host, shapes, *args)
    assert (r.stdout, r.stderr, r.returncode) == (stdout, "", 0)


@pytest.mark.parametrize(
    "args,message",
    [
        (["aex_shape_groups", "1,2", "10,20,30"], "groups has 2 items but values has 3; they must be equally long"),
        (["aex_shape_groups", "1,x", "1,2"], 'argument 1 (groups): item 2 "x" is not an integer'),
        (["aex_shape_sum", "1,4294967296"], "argument 1 (v): item 2 (4294967296) does not fit in int32"),
        (["aex_shape_text", "4", "3"], "error: AEX_E_BUFFER_TOO_SMALL: aex_shape_text: out_text is too small"),
        (["aex_shape_text", "many"], "argument 1 (capacity, the number of elements of out_text) must be an integer"),
        (["aex_shape_squares", "2", "0x10"], "a handle (const void *) cannot be given as text; only NULL"),
    ],
)
def test_shape_errors(host, shapes, args, message):
    r = run(host, shapes, *args)
    assert r.returncode == 1 and message in r.stderr, r.stderr


def test_help_of_shapes(host, shapes):
    r = run(host, shapes, "--help", "aex_shape_groups")
    assert r.stdout.startswith(
        "int32_t aex_shape_groups(double *out, const int64_t *groups, const double *values, int64_t n)\n"
    )
    assert "usage: plugin-host LIB aex_shape_groups groups values\n" in r.stdout
    r = run(host, shapes, "--help", "aex_shape_text")
    assert "usage: plugin-host LIB aex_shape_text capacity [k]\n" in r.stdout and "[range 0..9]" in r.stdout


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
def test_binding_c_tests_run_clean_under_valgrind(repo, libpath, tmp_path):
    # Tests/c/test_ffi.c: every call shape and error path, and 4 threads calling at once.
    exe = tmp_path / "test_ffi"
    subprocess.run(
        [
            "cc",
            "-std=c11",
            "-g",
            "-I",
            str(repo / "Tests" / "c"),
            "-I",
            str(repo / "bindings" / "c"),
            str(repo / "Tests" / "c" / "test_ffi.c"),
            str(repo / "bindings" / "c" / "aexffi.c"),
            "-lffi",
            "-ldl",
            "-lm",
            "-pthread",
            "-o",
            str(exe),
        ],
        check=True,
    )
    lib_copy = tmp_path / "libautoexports.so"
    shutil.copy(libpath, lib_copy)
    subprocess.run(["strip", "--strip-debug", str(lib_copy)], check=True)
    env = {k: v for k, v in os.environ.items() if k != "CHECK_COUNTS"}
    env["AEX_TEST_LIB"] = str(lib_copy)
    r = subprocess.run(
        [
            "valgrind",
            "--error-exitcode=99",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect",
            f"--suppressions={repo / 'Tests' / 'hosts' / 'valgrind.supp'}",
            str(exe),
        ],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stdout + r.stderr[-3000:]
    assert "0 failed" in r.stdout and "ERROR SUMMARY: 0 errors" in r.stderr
