/* plugin-host — discovers and calls libautoexports' functions at run time, without its header.
**
** Shows: what a plugin host does with the library's registry through the libffi binding
** (bindings/c/aexffi.h): open by path, check the ABI, list the functions, show a
** function's help, call any function by name with arguments from the command line, and
** report every error (unknown name, wrong arguments, not autoexports, another ABI) clearly.
** It is built without include/autoexports.h:
**     cc -Ibindings/c examples/plugin-host/plugin-host.c bindings/c/aexffi.c -lffi -ldl -o plugin-host
** Run:
**     plugin-host LIB --list                      every function: symbol, category, help
**     plugin-host LIB --help aex_rank_values      its parameters, defaults, allowed values, example
**     plugin-host LIB aex_rank_values 30,20,20,10 competition descending keep   prints 1,2,2,4
**     plugin-host LIB aex_status_string -2        prints AEX_E_NULL_POINTER
**     plugin-host LIB --batch < calls.txt         one call per line: NAME ARG...
**
** Output: the return value (unless the function returns a status or nothing), then each
** output parameter, one per line.  Numbers are printed with the fewest digits that read
** back to the same double (%.15g, else %.17g); arrays as comma-separated values; handles
** as <handle> or NULL.  A failed call prints "error: STATUS: message" on stderr and exits
** 1 (in --batch mode on stdout, and the run goes on); a usage error exits 2.
*/
#define _POSIX_C_SOURCE 200809L
#include "aexffi.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_double(FILE *out, double d) {
    if (isnan(d)) {
        fputs("nan", out);
        return;
    }
    if (isinf(d)) {
        fputs(d > 0 ? "inf" : "-inf", out);
        return;
    }
    char buf[40];
    snprintf(buf, sizeof buf, "%.15g", d);
    if (strtod(buf, NULL) != d) snprintf(buf, sizeof buf, "%.17g", d);
    fputs(buf, out);
}

static void print_value(FILE *out, const aexffi_value *v) {
    switch (v->kind) {
    case AEXFFI_INT: fprintf(out, "%lld", (long long)v->i); break;
    case AEXFFI_DOUBLE: print_double(out, v->d); break;
    case AEXFFI_STRING: fputs(v->s ? v->s : "NULL", out); break;
    case AEXFFI_HANDLE: fputs(v->p ? "<handle>" : "NULL", out); break;
    case AEXFFI_DOUBLES:
        for (int64_t i = 0; i < v->n; i++) {
            if (i) fputc(',', out);
            print_double(out, v->doubles[i]);
        }
        break;
    case AEXFFI_INTS:
        for (int64_t i = 0; i < v->n; i++) fprintf(out, i ? ",%lld" : "%lld", (long long)v->ints[i]);
        break;
    default: break;
    }
    fputc('\n', out);
}

static void list(aexffi_library *lib) {
    for (int64_t i = 0; i < aexffi_function_count(lib); i++) {
        const aexffi_function *f = aexffi_function_at(lib, i);
        printf("%-28s %-24s %s\n", f->symbol, f->category, f->help);
    }
}

static const char *direction_name(const aexffi_param *q) { return q->direction == AEXFFI_DIR_OUT ? "out" : "in"; }

static int help(aexffi_library *lib, const char *name) {
    const aexffi_function *f = aexffi_find(lib, name);
    if (!f) {
        fprintf(stderr, "plugin-host: %s\n", aexffi_last_error());
        return 2;
    }
    printf("%s %s(", f->return_c_type, f->symbol);
    for (int64_t j = 0; j < f->param_count; j++) {
        const aexffi_param *q = &f->params[j];
        printf("%s%s%s%s", j ? ", " : "", q->c_type, q->c_type[strlen(q->c_type) - 1] == '*' ? "" : " ", q->name);
        if (q->length_name) printf(", int64_t %s", q->length_name);
    }
    printf(")\n  %s\n  category: %s; returns: %s; flags:%s%s\n", f->help, f->category, aexffi_type_name(f->return_type),
           f->flags & AEXFFI_FN_DETERMINISTIC ? " deterministic" : "",
           f->flags & AEXFFI_FN_THREAD_SAFE ? " thread-safe" : "");
    printf("parameters:\n");
    for (int64_t j = 0; j < f->param_count; j++) {
        const aexffi_param *q = &f->params[j];
        printf("  %-3s %-12s %-12s %s", direction_name(q), q->name, aexffi_type_name(q->type), q->help);
        if (q->length_param >= 0) printf(" (as many as %s)", f->params[q->length_param].name);
        if (q->default_value) printf(" [default %s]", q->default_value);
        if (q->flags & AEXFFI_PARAM_RANGE) printf(" [range %g..%g]", q->min, q->max);
        if (q->allowed_count > 0) {
            printf(" [");
            for (int64_t k = 0; k < q->allowed_count; k++)
                printf("%s%lld=%s", k ? ", " : "", (long long)q->allowed[k].value, q->allowed[k].name);
            printf("]");
        }
        printf("\n");
    }
    int32_t n = aexffi_input_count(lib, f);
    if (n < 0) {
        printf("this binding cannot call it\n");
    } else {
        printf("usage: plugin-host LIB %s", f->symbol);
        for (int32_t k = 0; k < n; k++) {
            const aexffi_param *q = aexffi_input_param(lib, f, k);
            const char *nm = q->direction == AEXFFI_DIR_OUT ? q->length_name : q->name;
            printf(k < aexffi_required_count(lib, f) ? " %s" : " [%s]", nm);
        }
        printf("\n");
        if (f->example && (f->example[0] || n == 0)) printf("example: plugin-host LIB %s %s\n", f->symbol, f->example);
    }
    return 0;
}

/* Calls one function; prints its outputs on stdout and an error on `errors`.  0 or 1. */
static int call(aexffi_library *lib, const char *name, int argc, const char *const *argv, FILE *errors) {
    aexffi_result *r = NULL;
    int32_t s = aexffi_call_text(lib, name, argc, argv, &r);
    if (s == AEXFFI_E_CALL) {
        fprintf(errors, "error: %s: %s\n", r->status_name, r->error);
    } else if (s != AEXFFI_OK) {
        fprintf(errors, "error: %s: %s\n", aexffi_status_name(s), aexffi_last_error());
    } else {
        for (int64_t i = 0; i < r->output_count; i++) print_value(stdout, &r->outputs[i].value);
        /* A NULL pointer result comes with the library's reason. */
        if (r->error[0]) fprintf(errors, "note: %s\n", r->error);
    }
    aexffi_result_free(r);
    return s == AEXFFI_OK ? 0 : 1;
}

/* Each line of stdin: NAME ARG... separated by spaces or tabs. */
static int batch(aexffi_library *lib) {
    char line[65536];
    int failed = 0;
    while (fgets(line, sizeof line, stdin)) {
        const char *words[256];
        int n = 0;
        for (char *save = NULL, *w = strtok_r(line, " \t\r\n", &save); w && n < 256;
             w = strtok_r(NULL, " \t\r\n", &save))
            words[n++] = w;
        if (n == 0 || words[0][0] == '#') continue;
        failed |= call(lib, words[0], n - 1, words + 1, stdout);
        fflush(stdout);
    }
    return failed;
}

static int usage(void) {
    fprintf(stderr, "usage: plugin-host LIBRARY (--list | --help NAME | --batch | NAME [ARG...])\n");
    return 2;
}

int main(int argc, char **argv) {
    if (argc < 3) return usage();
    /* dlopen() searches the library path for a bare file name; a host means the file. */
    char path[4096];
    snprintf(path, sizeof path, "%s%s", strchr(argv[1], '/') ? "" : "./", argv[1]);
    aexffi_library *lib = NULL;
    if (aexffi_open(&lib, path) != AEXFFI_OK) {
        fprintf(stderr, "plugin-host: %s\n", aexffi_last_error());
        return 2;
    }
    int status;
    if (strcmp(argv[2], "--list") == 0 && argc == 3) {
        list(lib);
        status = 0;
    } else if (strcmp(argv[2], "--help") == 0 && argc == 4) {
        status = help(lib, argv[3]);
    } else if (strcmp(argv[2], "--batch") == 0 && argc == 3) {
        status = batch(lib);
    } else if (argv[2][0] == '-' && argv[2][1] == '-') {
        status = usage();
    } else {
        status = call(lib, argv[2], argc - 3, (const char *const *)argv + 3, stderr);
    }
    aexffi_close(lib);
    return status;
}
