/* The DuckDB C API types the extension uses, declared from DuckDB's published duckdb.h
** (stable since v1.2.0).  Handles are opaque pointers; only the value types whose layout
** the extension reads (duckdb_string_t, duckdb_list_entry, duckdb_date, duckdb_result) are
** spelled out.  Not public API of autoexports. */
#ifndef AEXDUCK_TYPES_H
#define AEXDUCK_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t idx_t;

typedef enum duckdb_state { DuckDBSuccess = 0, DuckDBError = 1 } duckdb_state;

typedef enum duckdb_type {
    DUCKDB_TYPE_INVALID = 0,
    DUCKDB_TYPE_BOOLEAN = 1,
    DUCKDB_TYPE_TINYINT = 2,
    DUCKDB_TYPE_SMALLINT = 3,
    DUCKDB_TYPE_INTEGER = 4,
    DUCKDB_TYPE_BIGINT = 5,
    DUCKDB_TYPE_UTINYINT = 6,
    DUCKDB_TYPE_USMALLINT = 7,
    DUCKDB_TYPE_UINTEGER = 8,
    DUCKDB_TYPE_UBIGINT = 9,
    DUCKDB_TYPE_FLOAT = 10,
    DUCKDB_TYPE_DOUBLE = 11,
    DUCKDB_TYPE_TIMESTAMP = 12,
    DUCKDB_TYPE_DATE = 13,
    DUCKDB_TYPE_TIME = 14,
    DUCKDB_TYPE_INTERVAL = 15,
    DUCKDB_TYPE_HUGEINT = 16,
    DUCKDB_TYPE_VARCHAR = 17,
    DUCKDB_TYPE_BLOB = 18,
    DUCKDB_TYPE_DECIMAL = 19,
    DUCKDB_TYPE_LIST = 24,
    DUCKDB_TYPE_ANY = 34,
} duckdb_type;

#define AEXDUCK_HANDLE(name) \
  typedef struct _##name { \
    void *internal_ptr; \
  } * name
AEXDUCK_HANDLE(duckdb_database);
AEXDUCK_HANDLE(duckdb_connection);
AEXDUCK_HANDLE(duckdb_logical_type);
AEXDUCK_HANDLE(duckdb_data_chunk);
AEXDUCK_HANDLE(duckdb_vector);
AEXDUCK_HANDLE(duckdb_value);
AEXDUCK_HANDLE(duckdb_function_info);
AEXDUCK_HANDLE(duckdb_bind_info);
AEXDUCK_HANDLE(duckdb_init_info);
AEXDUCK_HANDLE(duckdb_scalar_function);
AEXDUCK_HANDLE(duckdb_scalar_function_set);
AEXDUCK_HANDLE(duckdb_table_function);
AEXDUCK_HANDLE(duckdb_extension_info);
#undef AEXDUCK_HANDLE

/** A query result (duckdb.h: the deprecated_* fields, then internal_data; 48 bytes). */
typedef struct duckdb_result {
    idx_t deprecated_column_count;
    idx_t deprecated_row_count;
    idx_t deprecated_rows_changed;
    void *deprecated_columns;
    char *deprecated_error_message;
    void *internal_data;
} duckdb_result;

/** VARCHAR in a vector: up to 12 bytes inline, else a prefix and a pointer. */
typedef struct duckdb_string_t {
    union {
        struct {
            uint32_t length;
            char prefix[4];
            char *ptr;
        } pointer;
        struct {
            uint32_t length;
            char inlined[12];
        } inlined;
    } value;
} duckdb_string_t;

typedef struct duckdb_list_entry {
    uint64_t offset;
    uint64_t length;
} duckdb_list_entry;

/** DATE: days since 1970-01-01. */
typedef struct duckdb_date {
    int32_t days;
} duckdb_date;

typedef void (*duckdb_delete_callback_t)(void *data);
typedef void (*duckdb_scalar_function_t)(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output);
typedef void (*duckdb_table_function_bind_t)(duckdb_bind_info info);
typedef void (*duckdb_table_function_init_t)(duckdb_init_info info);
typedef void (*duckdb_table_function_t)(duckdb_function_info info, duckdb_data_chunk output);

/** What DuckDB passes to the entry point <name>_init_c_api (duckdb_extension.h). */
struct duckdb_extension_access {
    void (*set_error)(duckdb_extension_info info, const char *error);
    duckdb_database *(*get_database)(duckdb_extension_info info);
    const void *(*get_api)(duckdb_extension_info info, const char *version);
};

#endif
