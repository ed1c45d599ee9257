/* rank — ranks the numbers given on the command line, largest first.
**
** Shows: aex_rank_values, status codes, aex_last_error_message.
** Build against an installed autoexports:
**     cc rank.c $(pkg-config --cflags --libs autoexports) -o rank
** Run:
**     ./rank 30 20 20 10        prints   1 2 2 4
**     ./rank --method=fractional 30 20 20 10   prints  1 2.5 2.5 4
*/
#include <autoexports.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    int32_t method = AEX_RANK_COMPETITION;
    int first = 1;
    if (argc > 1 && strncmp(argv[1], "--method=", 9) == 0) {
        const char *m = argv[1] + 9;
        const char *names[] = {"competition", "competition_max", "fractional", "dense", "ordinal"};
        method = -1;
        for (int i = 0; i < 5; i++)
            if (strcmp(m, names[i]) == 0) method = i;
        if (method < 0) {
            fprintf(stderr, "rank: unknown method '%s'\n", m);
            return 1;
        }
        first = 2;
    }
    int64_t n = argc - first;
    double *values = malloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    double *ranks = malloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    if (!values || !ranks) return 1;
    for (int64_t i = 0; i < n; i++) {
        char *end;
        values[i] = strtod(argv[first + i], &end);
        if (*end != '\0') {
            fprintf(stderr, "rank: '%s' is not a number\n", argv[first + i]);
            return 1;
        }
    }
    int32_t status = aex_rank_values(ranks, values, n, method, AEX_ORDER_DESCENDING, AEX_MISSING_KEEP);
    if (status != AEX_OK) {
        fprintf(stderr, "rank: %s: %s\n", aex_status_string(status), aex_last_error_message());
        return 1;
    }
    for (int64_t i = 0; i < n; i++) printf(i ? " %g" : "%g", ranks[i]);
    printf("\n");
    free(values);
    free(ranks);
    return 0;
}
