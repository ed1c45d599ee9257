/* walkthrough — load a CSV of vehicle exports, rank one period, print the milestones.
**
** The tour of the C API in one program: every call is checked, and every failure is
** reported with its status name and the library's message, then the program cleans up.
**
** Shows, in order:
**   aex_period_parse                       text "2023" -> the period code
**   aex_panel_create, aex_panel_free       the panel: a handle; _free(NULL) is a no-op
**   aex_panel_import_file                  a tidy CSV, lenient: bad rows become rejections
**   aex_rejections_summary, aex_rejections_count, aex_rejections_message, aex_rejections_free
**   aex_league_table_create, _size, _row, _row_text, _warning_count, _warning_text, _free
**   aex_milestone_options_init, aex_milestones_find, _count, _get_int, _get_double, _get_text,
**   aex_milestones_note_count, aex_milestones_note_get_text, aex_milestones_free
**   aex_status_string, aex_last_error_message   what went wrong, and where
** and the caller-buffer convention for text: call with NULL and capacity 0 to learn the
** length, allocate it plus one byte for the NUL, call again (text()).
**
** Build against an installed autoexports, and run on the example data:
**     cc -std=c11 walkthrough.c $(pkg-config --cflags --libs autoexports) -o walkthrough
**     ./walkthrough examples/data/exports.csv 2023
** Exit status: 0 on success, 1 when the library refused something (the message says
** what), 2 for a usage error.  The tests (Tests/examples/run.sh) compile it with
** -Wall -Wextra -Werror and compare its output with examples/c/walkthrough.expected.
*/
#include <autoexports.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

/* Report a failed call: the status's name and the message of the last failure on this
** thread (it names the argument, row or column).  Returns 1 for `return fail(...)`. */
static int fail(const char *what, int32_t status) {
    fprintf(stderr, "walkthrough: %s: %s: %s\n", what, aex_status_string(status), aex_last_error_message());
    return 1;
}

/* A text result of any length by the caller-buffer convention.  The getters differ in
** their trailing arguments, so the caller passes one of the small adapters below.
** Returns NULL (after reporting) on failure; the caller frees the text. */
typedef int32_t (*text_getter)(char *out, int64_t capacity, int64_t *out_length, const void *object, int64_t index,
                               int32_t field);

static char *text(text_getter get, const void *object, int64_t index, int32_t field) {
    int64_t length = 0;
    int32_t status = get(NULL, 0, &length, object, index, field); /* the size query */
    if (status != AEX_OK) {
        fail("text length", status);
        return NULL;
    }
    char *buffer = malloc((size_t)length + 1);
    if (!buffer) {
        fprintf(stderr, "walkthrough: out of memory\n");
        return NULL;
    }
    status = get(buffer, length + 1, &length, object, index, field);
    if (status != AEX_OK) {
        fail("text", status);
        free(buffer);
        return NULL;
    }
    return buffer;
}

static int32_t row_text(char *out, int64_t capacity, int64_t *len, const void *table, int64_t row, int32_t field) {
    return aex_league_table_row_text(out, capacity, len, table, row, field);
}
static int32_t warning_text(char *out, int64_t capacity, int64_t *len, const void *table, int64_t i, int32_t unused) {
    (void)unused;
    return aex_league_table_warning_text(out, capacity, len, table, i);
}
static int32_t milestone_text(char *out, int64_t capacity, int64_t *len, const void *list, int64_t i, int32_t field) {
    return aex_milestones_get_text(out, capacity, len, list, i, field);
}
static int32_t note_text(char *out, int64_t capacity, int64_t *len, const void *list, int64_t i, int32_t field) {
    return aex_milestones_note_get_text(out, capacity, len, list, i, field);
}

/* Load the CSV leniently: valid rows load, each bad row is listed with its line, column
** and reason.  A file that cannot be read, or a bad header, fails the whole import. */
static int load(aex_panel *panel, const char *path) {
    aex_rejections *rejections = NULL;
    int32_t status = aex_panel_import_file(&rejections, panel, path, AEX_FORMAT_TIDY, AEX_POLICY_LENIENT, NULL);
    if (status != AEX_OK) {
        /* On a failure caused by the data the list holds that rejection; it was reported
        ** in the message already, so only free it. */
        aex_rejections_free(rejections);
        return fail(path, status);
    }
    int64_t read = 0, loaded = 0, rejected = 0, kept = 0;
    if ((status = aex_rejections_summary(&read, &loaded, &rejected, NULL, rejections)) != AEX_OK ||
        (status = aex_rejections_count(&kept, rejections)) != AEX_OK) {
        aex_rejections_free(rejections);
        return fail("rejection counts", status);
    }
    printf("%s: %" PRId64 " rows read, %" PRId64 " loaded, %" PRId64 " rejected\n", path, read, loaded, rejected);
    for (int64_t i = 0; i < kept; i++) {
        int64_t length = 0;
        char message[256]; /* a fixed buffer: a longer message is cut, which is fine here */
        status = aex_rejections_message(message, sizeof message, &length, rejections, i);
        if (status == AEX_OK) printf("  rejected: %s\n", message);
        else if (status == AEX_E_BUFFER_TOO_SMALL) printf("  rejected: (a message of %" PRId64 " bytes)\n", length);
        else {
            aex_rejections_free(rejections);
            return fail("rejection message", status);
        }
    }
    aex_rejections_free(rejections);
    return 0;
}

/* The league table of one period: units, all powertrains, RANK.EQ ties. */
static int rank(const aex_panel *panel, int32_t period, const char *period_text) {
    aex_league_table *table = NULL;
    int32_t status = aex_league_table_create(&table, panel, period, "units", AEX_SEGMENT_TOTAL, AEX_BASIS_VALUE, NULL,
                                             0, AEX_RANK_COMPETITION, NULL);
    if (status != AEX_OK) return fail("league table", status); /* e.g. AEX_E_NOT_FOUND: no data in the period */
    int result = 1;
    int64_t rows = 0, warnings = 0;
    if ((status = aex_league_table_size(&rows, NULL, table)) != AEX_OK) {
        fail("table size", status);
        goto done;
    }
    printf("\nLeague table %s (units, all powertrains, competition ranks)\n", period_text);
    for (int64_t row = 0; row < rows; row++) {
        double position = 0, value = 0, share = 0;
        status = aex_league_table_row(&position, &value, NULL, &share, NULL, NULL, table, row);
        if (status != AEX_OK) {
            fail("table row", status);
            goto done;
        }
        char *code = text(row_text, table, row, AEX_FIELD_EXPORTER);
        char *name = text(row_text, table, row, AEX_FIELD_EXPORTER_NAME);
        char *source = text(row_text, table, row, AEX_FIELD_SOURCE);
        char *scope = text(row_text, table, row, AEX_FIELD_SCOPE);
        if (code && name && source && scope)
            printf("%3g  %-4s %-14s %10.0f  %5.1f%%  %s, %s\n", position, code, name, value, 100 * share, source,
                   scope);
        int ok = code && name && source && scope;
        free(code);
        free(name);
        free(source);
        free(scope);
        if (!ok) goto done;
    }
    if ((status = aex_league_table_warning_count(&warnings, table)) != AEX_OK) {
        fail("warnings", status);
        goto done;
    }
    for (int64_t i = 0; i < warnings; i++) {
        char *warning = text(warning_text, table, i, 0);
        if (!warning) goto done;
        printf("  warning: %s\n", warning);
        free(warning);
    }
    result = 0;
done:
    aex_league_table_free(table);
    return result;
}

/* Overtakes and new leaders over the years, each as one sentence, then the coverage
** notes: changes that come only from a series starting, ending or skipping a year. */
static int milestones(const aex_panel *panel) {
    aex_milestone_options options;
    int32_t status = aex_milestone_options_init(&options);
    if (status != AEX_OK) return fail("milestone options", status);
    options.kinds = AEX_MILESTONE_KIND_BIT(AEX_MILESTONE_OVERTAKE) | AEX_MILESTONE_KIND_BIT(AEX_MILESTONE_NEW_LEADER);
    aex_milestones *list = NULL;
    if ((status = aex_milestones_find(&list, panel, &options)) != AEX_OK) return fail("milestones", status);
    int result = 1;
    int64_t count = 0, notes = 0;
    if ((status = aex_milestones_count(&count, list)) != AEX_OK) {
        fail("milestone count", status);
        goto done;
    }
    printf("\nMilestones (overtakes and new leaders)\n");
    for (int64_t i = 0; i < count; i++) {
        int64_t kind = 0;
        double crossing = 0;
        if ((status = aex_milestones_get_int(&kind, list, i, AEX_MILESTONE_INT_KIND)) != AEX_OK ||
            (status = aex_milestones_get_double(&crossing, list, i, AEX_MILESTONE_NUM_CROSSING)) != AEX_OK) {
            fail("milestone fields", status);
            goto done;
        }
        char *sentence = text(milestone_text, list, i, AEX_MILESTONE_TEXT_SENTENCE);
        if (!sentence) goto done;
        printf("  %s\n", sentence);
        /* Overtakes carry the crossing point, interpolated between the two years; other
        ** kinds have NaN there. */
        if (kind == AEX_MILESTONE_OVERTAKE && crossing == crossing) printf("    (crossed around %.1f)\n", crossing);
        free(sentence);
    }
    if ((status = aex_milestones_note_count(&notes, list)) != AEX_OK) {
        fail("note count", status);
        goto done;
    }
    printf("\nCoverage notes (not events)\n");
    for (int64_t i = 0; i < notes; i++) {
        char *sentence = text(note_text, list, i, AEX_NOTE_TEXT_SENTENCE);
        if (!sentence) goto done;
        printf("  %s\n", sentence);
        free(sentence);
    }
    result = 0;
done:
    aex_milestones_free(list);
    return result;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: walkthrough FILE.csv PERIOD   (e.g. examples/data/exports.csv 2023)\n");
        return 2;
    }
    int32_t period = 0;
    int32_t status = aex_period_parse(&period, argv[2]);
    if (status != AEX_OK) return fail("period", status); /* AEX_E_PARSE names the text */

    aex_panel *panel = NULL;
    if ((status = aex_panel_create(&panel)) != AEX_OK) return fail("panel", status);
    int result = load(panel, argv[1]);
    if (result == 0) result = rank(panel, period, argv[2]);
    if (result == 0) result = milestones(panel);
    aex_panel_free(panel);
    return result;
}
