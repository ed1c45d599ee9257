import AutoExports
import CAutoExports

// Registry entries of the header section "Ranking".
extension RegistrySection {
    static let ranking = RegistrySection("Ranking", [
        RegistryEntry(
            "aex_rank_values", "Rank n values with a tie method, an order and a missing-value policy.",
            example: "30,20,20,10 competition descending keep",
            params: [
                .outBuffer("out_ranks", of: .double, lengthOf: "values",
                           "the rank of each value (NaN for a missing value under AEX_MISSING_KEEP)"),
                .doubleArray("values", length: "n", "the values to rank; NaN is missing"),
                .int32("method", "how ties share ranks (AEX_RANK_*)", allowed: .cases(of: RankMethod.self),
                       default: "0"),
                .int32("order", "which end gets rank 1 (AEX_ORDER_*)", allowed: .cases(of: RankOrder.self),
                       default: "1"),
                .int32("missing", "where missing values go (AEX_MISSING_*)",
                       allowed: .cases(of: MissingPolicy.self), default: "0"),
            ]),
    ])
}
