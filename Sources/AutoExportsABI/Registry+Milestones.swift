import AutoExports
import CAutoExports

// Registry entries of the header section "Milestones".
extension RegistrySection {
    static let milestones = RegistrySection("Milestones", [
        RegistryEntry(
            "aex_overtakes_count", "Count the overtakes between consecutive periods of a periods × entities matrix.",
            example: "1,3,2,2,4,1 2 0 1",
            params: [
                .outInt64("out_count", "the number of (period, subject, rival) overtakes"),
                .doubleArray("values", length: "n",
                             "the matrix, row-major: values[t * n_entities + e]; NaN is missing"),
                .int64("n_entities", "columns (entities) per period", range: 0...2_147_483_647),
                .int32("flags", "0 or AEX_OVERTAKES_BRIDGE_GAPS (1) | AEX_OVERTAKES_ADJACENT (2)",
                       range: 0...3, default: "0"),
                .int32("threads", "threads to use; 0: one per online CPU", range: 0...2_147_483_647,
                       default: "0"),
            ]),
        RegistryEntry(
            "aex_overtakes_find",
            "Find every overtake as records of 5 int32 (period, subject, rival, since, flags).",
            example: "5 1,3,2,2,4,1 2 0 1",
            params: [
                .outInt64("out_count", "the number of events (also when the buffer is too small)"),
                .outBuffer("out_events", of: .int32, length: "capacity",
                           "AEX_OVERTAKE_FIELDS int32 per event: period, subject, rival, since, flags"),
                .doubleArray("values", length: "n",
                             "the matrix, row-major: values[t * n_entities + e]; NaN is missing"),
                .int64("n_entities", "columns (entities) per period", range: 0...2_147_483_647),
                .int32("flags", "0 or AEX_OVERTAKES_BRIDGE_GAPS (1) | AEX_OVERTAKES_ADJACENT (2)",
                       range: 0...3, default: "0"),
                .int32("threads", "threads to use; 0: one per online CPU", range: 0...2_147_483_647,
                       default: "0"),
            ]),
        RegistryEntry(
            "aex_milestone_options_init", "Fill a milestone options struct with the defaults (NULL does nothing).",
            example: "NULL",
            params: [.handle("options", "aex_milestone_options *", "the struct to fill", nullable: true)]),
        RegistryEntry(
            "aex_milestones_find",
            "Find the milestones (overtakes, leaders, records, thresholds, top-N moves, streaks) of a panel.",
            example: "NULL NULL",
            params: [
                .outHandle("out_list", "aex_milestones **", "the new list; free it with aex_milestones_free"),
                .handle("panel", "const aex_panel *", "the data"),
                .handle("options", "const aex_milestone_options *", "NULL for the defaults", nullable: true),
            ]),
        RegistryEntry(
            "aex_milestones_free", "Release a milestone list (NULL is a no-op).", flags: .threadSafe, example: "NULL",
            params: [.handle("list", "aex_milestones *", "the list to release", nullable: true)]),
        RegistryEntry(
            "aex_milestones_count", "Number of milestones in a list.", example: "NULL",
            params: [
                .outInt64("out_count", "the number of milestones"),
                .handle("list", "const aex_milestones *", "the list"),
            ]),
        RegistryEntry(
            "aex_milestones_get_int", "One integer field of a milestone (kind, period, rank, flags, ...).",
            example: "NULL 0 period",
            params: [
                .outInt64("out_value", "the value"),
                .handle("list", "const aex_milestones *", "the list"),
                .int64("index", "the milestone, 0..count-1"),
                .int32("field", "AEX_MILESTONE_INT_*", allowed: choices(
                    "kind", "period", "since", "rank", "streak", "run_length", "flags", "data_start", "segment")),
            ]),
        RegistryEntry(
            "aex_milestones_get_double", "One number of a milestone (values, crossing point, level); NaN if none.",
            example: "NULL 0 value",
            params: [
                .outDouble("out_value", "the value"),
                .handle("list", "const aex_milestones *", "the list"),
                .int64("index", "the milestone, 0..count-1"),
                .int32("field", "AEX_MILESTONE_NUM_*", allowed: choices(
                    "value", "rival_value", "value_since", "rival_value_since", "crossing", "level")),
            ]),
        RegistryEntry(
            "aex_milestones_get_text", "One text field of a milestone: the sentence, exporters, sources, scopes.",
            example: "512 NULL 0 sentence",
            params: [
                .outBuffer("out_text", of: .utf8, length: "capacity", "the text and a NUL"),
                .outInt64("out_length", "the text's length in bytes, without the NUL"),
                .handle("list", "const aex_milestones *", "the list"),
                .int64("index", "the milestone, 0..count-1"),
                .int32("field", "AEX_MILESTONE_TEXT_*", allowed: choices(
                    "sentence", "subject", "rival", "period", "kind", "subject_source", "subject_scope",
                    "rival_source", "rival_scope", "metric", "subject_name", "rival_name")),
            ]),
        RegistryEntry(
            "aex_milestones_json", "The whole milestone list (milestones and coverage notes) as JSON.",
            example: "100000 NULL",
            params: [
                .outBuffer("out_json", of: .utf8, length: "capacity", "the JSON text and a NUL"),
                .outInt64("out_length", "the text's length in bytes, without the NUL"),
                .handle("list", "const aex_milestones *", "the list"),
            ]),
        RegistryEntry(
            "aex_milestones_note_count", "Number of coverage notes in a milestone list.", example: "NULL",
            params: [
                .outInt64("out_count", "the number of notes"),
                .handle("list", "const aex_milestones *", "the list"),
            ]),
        RegistryEntry(
            "aex_milestones_note_get_int", "One integer field of a coverage note (kind, period).",
            example: "NULL 0 period",
            params: [
                .outInt64("out_value", "the value"),
                .handle("list", "const aex_milestones *", "the list"),
                .int64("index", "the note, 0..note_count-1"),
                .int32("field", "AEX_NOTE_INT_*", allowed: choices("kind", "period")),
            ]),
        RegistryEntry(
            "aex_milestones_note_get_text", "One text field of a coverage note (its sentence, exporters, period).",
            example: "512 NULL 0 sentence",
            params: [
                .outBuffer("out_text", of: .utf8, length: "capacity", "the text and a NUL"),
                .outInt64("out_length", "the text's length in bytes, without the NUL"),
                .handle("list", "const aex_milestones *", "the list"),
                .int64("index", "the note, 0..note_count-1"),
                .int32("field", "AEX_NOTE_TEXT_*", allowed: choices("sentence", "exporter", "other", "period", "kind")),
            ]),
    ])
}

/// Allowed values 0, 1, 2, … named in order.
private func choices(_ names: String...) -> [RegistryChoice] {
    names.enumerated().map { RegistryChoice(value: Int64($0.offset), name: $0.element) }
}
