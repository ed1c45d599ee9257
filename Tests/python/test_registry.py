"""The registry against the header, the library, the aex_api table and the Python binding.

The registry entries, the aex_api table and the Python prototypes are generated from the
header by tools/generate.py (test_generated.py checks they are up to date); these tests check
the built library against them, so that nothing is forgotten or described wrongly:
- registry symbols == functions declared in include/autoexports.h == exported symbols;
- each entry's return type and every C argument (type and name, arrays and buffers
  expanded to pointer + length) equal the header's declaration;
- the aex_api struct has one member per function, and api.c lists each;
- the Python prototype table equals the prototypes derived from the registry;
- the JSON text equals the C descriptors read through their documented layout.
"""

import ctypes
import json
import re
from ctypes import POINTER, Structure, c_char_p, c_double, c_int32, c_int64, c_void_p

import pytest
from autoexports import registry
from autoexports._ffi import PROTOTYPES, lib
from autoexports._registry import prototype
from test_contract import HOST_ENTRY_POINTS, declared_functions, exported_functions


def normalize_type(t: str) -> str:
    t = re.sub(r"\b(AEX_API|AEX_CALL)\b", "", t)
    t = re.sub(r"\s+", " ", t.strip())
    t = re.sub(r"\s*\*", " *", t)
    return t.replace("* *", "**")


def header_declarations(text: str) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """symbol -> (return C type, [(C type, name), ...]) for every function declaration."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r"\\\n", " ", text)  # a macro continued over several lines is one line
    text = "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("#"))
    text = re.sub(r'extern "C" \{|\}\s*$', "", text)
    # Drop struct bodies (their members are not declarations of functions).
    while True:
        m = re.search(r"\{[^{}]*\}", text)
        if not m:
            break
        text = text[: m.start()] + text[m.end() :]
    out = {}
    for chunk in text.split(";"):
        chunk = " ".join(chunk.split())
        m = re.fullmatch(r"(?:typedef .*|(.+?)\b(aex_\w+)\s*\((.*)\))", chunk)
        if not m or not m.group(2):
            continue
        ret, name, args = m.group(1), m.group(2), m.group(3).strip()
        params = []
        if args != "void":
            for a in args.split(","):
                am = re.fullmatch(r"(.*?)(\w+)", a.strip())
                assert am, f"cannot parse argument {a!r} of {name}"
                params.append((normalize_type(am.group(1)), am.group(2)))
        out[name] = (normalize_type(ret), params)
    return out


@pytest.fixture(scope="module")
def header(repo):
    return (repo / "include" / "autoexports.h").read_text()


@pytest.fixture(scope="module")
def functions():
    return registry()["functions"]


def test_registry_equals_declared_functions_and_exports(header, libpath, functions):
    symbols = [f["symbol"] for f in functions]
    assert len(symbols) == len(set(symbols)), "a function is registered twice"
    declared = declared_functions(header)
    exported = exported_functions(libpath) - HOST_ENTRY_POINTS
    assert set(symbols) == declared, (
        f"declared but not registered: {sorted(declared - set(symbols))}; "
        f"registered but not declared: {sorted(set(symbols) - declared)} "
        "(tag the declaration and run python3 tools/generate.py)"
    )
    assert set(symbols) == exported


def test_every_entry_matches_its_header_declaration(header, functions):
    decls = header_declarations(header)
    assert set(decls) == {f["symbol"] for f in functions}
    for f in functions:
        ret, want = decls[f["symbol"]]
        assert f["returns"]["c_type"] == ret, f["symbol"]
        got = []
        for p in f["params"]:
            got.append((p["c_type"], p["name"]))
            if p["length_name"] is not None:
                got.append(("int64_t", p["length_name"]))
        assert got == want, f"{f['symbol']}: registry {got} != header {want}"
        assert (f["returns"]["type"] == "status") == (
            f["returns"]["c_type"] == "int32_t" and f["returns"]["type"] != "int32"
        )


def test_every_entry_is_in_the_category_of_its_header_section(header, functions):
    # A section opens with a "/* ====" line followed by "** Title".
    marks = [(m.group(1), m.start()) for m in re.finditer(r"/\* =+\n\*\* (.+?)\n", header)]
    bounds = {
        name: (start, marks[i + 1][1] if i + 1 < len(marks) else len(header)) for i, (name, start) in enumerate(marks)
    }
    starts = []
    for f in functions:
        assert f["category"] in bounds, f"{f['symbol']}: no header section {f['category']!r}"
        start, end = bounds[f["category"]]
        assert re.search(rf"\b{f['symbol']}\s*\(", header[start:end]), (
            f"{f['symbol']} is not declared in section {f['category']!r}"
        )
        starts.append(start)
    assert starts == sorted(starts), "registry order is the header's order of sections"


def test_api_table_has_one_member_per_function_and_api_c_lists_each(repo, functions):
    api_h = (repo / "include" / "autoexports_api.h").read_text()
    body = re.search(r"struct aex_api \{(.*?)\};", api_h, flags=re.S).group(1)
    members = re.findall(r"\(AEX_CALL \*(\w+)\)\s*\(", body)
    names = [f["name"] for f in functions]
    assert sorted(members) == sorted(names), (
        f"missing in struct aex_api: {sorted(set(names) - set(members))}; extra: {sorted(set(members) - set(names))}"
    )
    api_c = (repo / "Sources" / "AutoExportsRuntime" / "api.c").read_text()
    listed = re.findall(r"^\s*X\((\w+)\)", api_c, flags=re.M)
    assert sorted(listed) == sorted(names), "Sources/AutoExportsRuntime/api.c must list X(name) for every function"
    assert listed == members, "api.c lists the functions in the order of struct aex_api's members"


def test_python_prototypes_equal_the_registry(functions):
    for f in functions:
        assert f["symbol"] in PROTOTYPES, f"{f['symbol']} is missing in _ffi.PROTOTYPES"
        assert PROTOTYPES[f["symbol"]] == prototype(f), (
            f"{f['symbol']}: PROTOTYPES has {PROTOTYPES[f['symbol']]}, the registry says {prototype(f)}"
        )
    assert set(PROTOTYPES) == {f["symbol"] for f in functions}


def test_entries_are_well_formed(functions):
    for f in functions:
        assert f["name"] == f["symbol"].removeprefix("aex_")
        assert f["help"] and not f["help"].endswith("\n")
        assert f["flags"] in ([], ["thread_safe"], ["deterministic", "thread_safe"]), f["symbol"]
        names = [p["name"] for p in f["params"]]
        assert len(names) == len(set(names))
        seen_in = False
        for p in f["params"]:
            if p["direction"] == "in":
                seen_in = True
            else:
                assert not seen_in, f"{f['symbol']}: out-parameters come first"
            if p["allowed"]:
                assert p["type"] == "int32"
                if p["default"] is not None:
                    assert int(p["default"]) in [a["value"] for a in p["allowed"]]
            if p["type"] == "buffer":
                assert p["element_type"] in ("double", "int32", "int64", "string")


# The documented layout, mirrored without the header.
class AexEnumValue(Structure):
    _fields_ = [("value", c_int64), ("name", c_char_p)]


class AexParam(Structure):
    _fields_ = [
        ("size", c_int64),
        ("name", c_char_p),
        ("help", c_char_p),
        ("c_type", c_char_p),
        ("length_name", c_char_p),
        ("default_value", c_char_p),
        ("allowed", POINTER(AexEnumValue)),
        ("allowed_count", c_int64),
        ("min", c_double),
        ("max", c_double),
        ("type", c_int32),
        ("direction", c_int32),
        ("element_type", c_int32),
        ("length_param", c_int32),
        ("flags", c_int32),
        ("reserved", c_int32),
    ]


class AexFunction(Structure):
    _fields_ = [
        ("size", c_int64),
        ("name", c_char_p),
        ("symbol", c_char_p),
        ("category", c_char_p),
        ("help", c_char_p),
        ("return_c_type", c_char_p),
        ("example", c_char_p),
        ("params", POINTER(AexParam)),
        ("param_count", c_int64),
        ("address", c_void_p),
        ("return_type", c_int32),
        ("flags", c_int32),
    ]


TYPE_NAMES = [
    "void",
    "status",
    "int32",
    "int64",
    "double",
    "string",
    "double_array",
    "buffer",
    "handle",
    "int32_array",
    "int64_array",
]


def test_json_equals_the_c_descriptors(functions):
    assert ctypes.sizeof(AexFunction) == 88 and ctypes.sizeof(AexParam) == 104
    L = lib()
    assert L.aex_registry_count() == len(functions)
    for i, f in enumerate(functions):
        d = AexFunction.from_address(L.aex_registry_get(i))
        assert d.size == 88
        s = lambda b: None if b is None else b.decode()  # noqa: E731
        assert (s(d.name), s(d.symbol), s(d.category), s(d.help), s(d.example)) == (
            f["name"],
            f["symbol"],
            f["category"],
            f["help"],
            f["example"],
        )
        assert TYPE_NAMES[d.return_type] == f["returns"]["type"]
        assert s(d.return_c_type) == f["returns"]["c_type"]
        assert d.address == ctypes.cast(getattr(L, f["symbol"]), c_void_p).value
        assert d.param_count == len(f["params"])
        for j, p in enumerate(f["params"]):
            c = d.params[j]
            assert c.size == 104
            assert (s(c.name), s(c.help), s(c.c_type), s(c.length_name), s(c.default_value)) == (
                p["name"],
                p["help"],
                p["c_type"],
                p["length_name"],
                p["default"],
            )
            assert TYPE_NAMES[c.type] == p["type"]
            assert ("out" if c.direction == 1 else "in") == p["direction"]
            assert (None if c.length_param == -1 else c.length_param) == p["length_param"]
            assert (None if c.element_type == 0 else TYPE_NAMES[c.element_type]) == p["element_type"]
            allowed = [
                {"value": c.allowed[k].value, "name": c.allowed[k].name.decode()} for k in range(c.allowed_count)
            ] or None
            assert allowed == p["allowed"]
            if c.flags & 1:
                assert [c.min, c.max] == [float(x) for x in p["range"]]
            else:
                assert p["range"] is None
            assert bool(c.flags & 2) == p["nullable"]


def test_json_is_valid_and_versioned():
    text = lib().aex_registry_json().decode()
    doc = json.loads(text)
    assert doc["abi_version"] == lib().aex_abi_version() == 1
    assert doc["version"] == lib().aex_version_string().decode()
