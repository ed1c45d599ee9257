#!/usr/bin/env python3
"""Writes Sources/AutoExportsDuckDB/include/aexduck_api.h: the part of DuckDB's stable C
extension API (the `duckdb_ext_api_v1` table of function pointers, version v1.2.0) that the
extension uses.

DuckDB's headers are not packaged here, and the extension reaches DuckDB only through the
table DuckDB hands to its entry point, so only the table's layout matters: slot k of the
table is the k-th name of api-v1.2.0.txt, the 404 slots of the v1.2.0 band in the order of
DuckDB's src/include/duckdb/main/capi/extension_api.hpp (grouped by topic, which is not
the order of the header_generation v1.2.0.json list).  The list was read back from
DuckDB 1.5.6 itself with tools/duckdb/probe_api.c, and Tests/python/test_duckdb.py checks
it against the installed duckdb package every run (a stable slot never moves).  The slots the extension calls get their C signature below; every other
slot up to the last one used is an untyped placeholder.  Run it after changing USED:

    python3 tools/duckdb/gen_api.py
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent.parent / "Sources" / "AutoExportsDuckDB" / "include" / "aexduck_api.h"

# name -> (return type, parameters), as in duckdb.h.
USED = {
    "duckdb_connect": ("duckdb_state", "duckdb_database database, duckdb_connection *out_connection"),
    "duckdb_disconnect": ("void", "duckdb_connection *connection"),
    "duckdb_library_version": ("const char *", "void"),
    "duckdb_query": ("duckdb_state", "duckdb_connection connection, const char *query, duckdb_result *out_result"),
    "duckdb_destroy_result": ("void", "duckdb_result *result"),
    "duckdb_column_type": ("duckdb_type", "duckdb_result *result, idx_t col"),
    "duckdb_column_count": ("idx_t", "duckdb_result *result"),
    "duckdb_result_error": ("const char *", "duckdb_result *result"),
    "duckdb_malloc": ("void *", "size_t size"),
    "duckdb_free": ("void", "void *ptr"),
    "duckdb_vector_size": ("idx_t", "void"),
    "duckdb_destroy_value": ("void", "duckdb_value *value"),
    "duckdb_get_varchar": ("char *", "duckdb_value value"),
    "duckdb_get_int64": ("int64_t", "duckdb_value value"),
    "duckdb_create_logical_type": ("duckdb_logical_type", "duckdb_type type"),
    "duckdb_create_list_type": ("duckdb_logical_type", "duckdb_logical_type type"),
    "duckdb_get_type_id": ("duckdb_type", "duckdb_logical_type type"),
    "duckdb_destroy_logical_type": ("void", "duckdb_logical_type *type"),
    "duckdb_fetch_chunk": ("duckdb_data_chunk", "duckdb_result result"),
    "duckdb_destroy_data_chunk": ("void", "duckdb_data_chunk *chunk"),
    "duckdb_data_chunk_get_column_count": ("idx_t", "duckdb_data_chunk chunk"),
    "duckdb_data_chunk_get_vector": ("duckdb_vector", "duckdb_data_chunk chunk, idx_t col_idx"),
    "duckdb_data_chunk_get_size": ("idx_t", "duckdb_data_chunk chunk"),
    "duckdb_data_chunk_set_size": ("void", "duckdb_data_chunk chunk, idx_t size"),
    "duckdb_vector_get_data": ("void *", "duckdb_vector vector"),
    "duckdb_vector_get_validity": ("uint64_t *", "duckdb_vector vector"),
    "duckdb_vector_ensure_validity_writable": ("void", "duckdb_vector vector"),
    "duckdb_vector_assign_string_element_len": (
        "void",
        "duckdb_vector vector, idx_t index, const char *str, idx_t str_len",
    ),
    "duckdb_list_vector_get_child": ("duckdb_vector", "duckdb_vector vector"),
    "duckdb_list_vector_get_size": ("idx_t", "duckdb_vector vector"),
    "duckdb_create_scalar_function": ("duckdb_scalar_function", "void"),
    "duckdb_destroy_scalar_function": ("void", "duckdb_scalar_function *scalar_function"),
    "duckdb_scalar_function_set_name": ("void", "duckdb_scalar_function scalar_function, const char *name"),
    "duckdb_scalar_function_add_parameter": (
        "void",
        "duckdb_scalar_function scalar_function, duckdb_logical_type type",
    ),
    "duckdb_scalar_function_set_return_type": (
        "void",
        "duckdb_scalar_function scalar_function, duckdb_logical_type type",
    ),
    "duckdb_scalar_function_set_extra_info": (
        "void",
        "duckdb_scalar_function scalar_function, void *extra_info, duckdb_delete_callback_t destroy",
    ),
    "duckdb_scalar_function_set_function": (
        "void",
        "duckdb_scalar_function scalar_function, duckdb_scalar_function_t function",
    ),
    "duckdb_create_table_function": ("duckdb_table_function", "void"),
    "duckdb_destroy_table_function": ("void", "duckdb_table_function *table_function"),
    "duckdb_table_function_set_name": ("void", "duckdb_table_function table_function, const char *name"),
    "duckdb_table_function_add_parameter": ("void", "duckdb_table_function table_function, duckdb_logical_type type"),
    "duckdb_table_function_add_named_parameter": (
        "void",
        "duckdb_table_function table_function, const char *name, duckdb_logical_type type",
    ),
    "duckdb_table_function_set_extra_info": (
        "void",
        "duckdb_table_function table_function, void *extra_info, duckdb_delete_callback_t destroy",
    ),
    "duckdb_table_function_set_bind": (
        "void",
        "duckdb_table_function table_function, duckdb_table_function_bind_t bind",
    ),
    "duckdb_table_function_set_init": (
        "void",
        "duckdb_table_function table_function, duckdb_table_function_init_t init",
    ),
    "duckdb_table_function_set_function": (
        "void",
        "duckdb_table_function table_function, duckdb_table_function_t function",
    ),
    "duckdb_register_table_function": ("duckdb_state", "duckdb_connection con, duckdb_table_function function"),
    "duckdb_bind_get_extra_info": ("void *", "duckdb_bind_info info"),
    "duckdb_bind_add_result_column": ("void", "duckdb_bind_info info, const char *name, duckdb_logical_type type"),
    "duckdb_bind_get_parameter_count": ("idx_t", "duckdb_bind_info info"),
    "duckdb_bind_get_parameter": ("duckdb_value", "duckdb_bind_info info, idx_t index"),
    "duckdb_bind_get_named_parameter": ("duckdb_value", "duckdb_bind_info info, const char *name"),
    "duckdb_bind_set_bind_data": ("void", "duckdb_bind_info info, void *bind_data, duckdb_delete_callback_t destroy"),
    "duckdb_bind_set_cardinality": ("void", "duckdb_bind_info info, idx_t cardinality, bool is_exact"),
    "duckdb_bind_set_error": ("void", "duckdb_bind_info info, const char *error"),
    "duckdb_init_get_bind_data": ("void *", "duckdb_init_info info"),
    "duckdb_init_set_init_data": ("void", "duckdb_init_info info, void *init_data, duckdb_delete_callback_t destroy"),
    "duckdb_init_set_max_threads": ("void", "duckdb_init_info info, idx_t max_threads"),
    "duckdb_function_get_bind_data": ("void *", "duckdb_function_info info"),
    "duckdb_function_get_init_data": ("void *", "duckdb_function_info info"),
    "duckdb_function_set_error": ("void", "duckdb_function_info info, const char *error"),
    "duckdb_scalar_function_set_special_handling": ("void", "duckdb_scalar_function scalar_function"),
    "duckdb_scalar_function_get_extra_info": ("void *", "duckdb_function_info info"),
    "duckdb_scalar_function_set_error": ("void", "duckdb_function_info info, const char *error"),
    "duckdb_get_bool": ("bool", "duckdb_value value"),
    "duckdb_get_double": ("double", "duckdb_value value"),
    "duckdb_create_scalar_function_set": ("duckdb_scalar_function_set", "const char *name"),
    "duckdb_destroy_scalar_function_set": ("void", "duckdb_scalar_function_set *scalar_function_set"),
    "duckdb_add_scalar_function_to_set": (
        "duckdb_state",
        "duckdb_scalar_function_set set, duckdb_scalar_function function",
    ),
    "duckdb_register_scalar_function_set": ("duckdb_state", "duckdb_connection con, duckdb_scalar_function_set set"),
    "duckdb_is_null_value": ("bool", "duckdb_value value"),
}


def main() -> None:
    names = [n.strip() for n in (HERE / "api-v1.2.0.txt").read_text().split() if n.strip()]
    assert len(names) == len(set(names)), "duplicate slot names"
    missing = sorted(set(USED) - set(names))
    assert not missing, f"not in the v1.2.0 table: {missing}"
    last = max(names.index(n) for n in USED)
    lines = [
        "/* Generated by tools/duckdb/gen_api.py from tools/duckdb/api-v1.2.0.txt: do not edit.",
        "** The prefix of DuckDB's stable C extension API table (duckdb_ext_api_v1, v1.2.0) up to",
        "** the last slot the extension calls; unused slots are untyped placeholders. */",
        "#ifndef AEXDUCK_API_H",
        "#define AEXDUCK_API_H",
        '#include "aexduck_types.h"',
        "",
        "typedef void (*aexduck_unused_slot)(void);",
        "",
        "typedef struct aexduck_api {",
    ]
    for i, name in enumerate(names[: last + 1]):
        if name in USED:
            ret, params = USED[name]
            sep = "" if ret.endswith("*") else " "
            lines.append(f"    {ret}{sep}(*{name})({params}); /* slot {i} */")
        else:
            lines.append(f"    aexduck_unused_slot {name}; /* slot {i} */")
    lines += [
        "} aexduck_api;",
        "",
        f"#define AEXDUCK_API_SLOTS {last + 1}",
        "",
        "#endif",
        "",
    ]
    OUT.write_text("\n".join(lines))
    print(f"{OUT.name}: {last + 1} slots, {len(USED)} typed")


if __name__ == "__main__":
    main()
