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
    ])
}
