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
        RegistryEntry(
            "aex_rank_values_scaled", "Rank n values and write the rank or a percent rank (pct, percent_rank, cume_dist).",
            example: "30,20,20,10 competition descending keep percent_rank",
            params: [
                .outBuffer("out", of: .double, lengthOf: "values",
                           "the rank or percent rank of each value (NaN for a missing value under AEX_MISSING_KEEP)"),
                .doubleArray("values", length: "n", "the values to rank; NaN is missing"),
                .int32("method", "how ties share ranks (AEX_RANK_*); ignored by percent_rank and cume_dist",
                       allowed: .cases(of: RankMethod.self), default: "0"),
                .int32("order", "which end gets rank 1 (AEX_ORDER_*)", allowed: .cases(of: RankOrder.self),
                       default: "1"),
                .int32("missing", "where missing values go (AEX_MISSING_*)",
                       allowed: .cases(of: MissingPolicy.self), default: "0"),
                .int32("scale", "what to write (AEX_SCALE_*): the rank, pandas pct, SQL PERCENT_RANK or CUME_DIST",
                       allowed: .cases(of: RankScale.self), default: "0"),
            ]),
        RegistryEntry(
            "aex_rank_groups", "Rank rows within groups given by int64 ids (a DataFrame's group and value columns).",
            example: "2024,2024,2024,2023,2023 30,20,20,5,9 competition descending",
            params: groupedParams(.int64)),
        RegistryEntry(
            "aex_rank_groups_i32", "Rank rows within groups given by int32 ids (a panel's period index).",
            example: "1,2,1,2,1,2 3,3,1,nan,2,4 ordinal ascending",
            params: groupedParams(.int32)),
        RegistryEntry(
            "aex_rank_eq", "Excel RANK.EQ: the rank of a value in a range; ties share the best rank.",
            example: "20 30,20,20,10 0",
            params: [
                .outDouble("out_rank", "the rank"),
                .double("value", "the number to rank; must be in range"),
                .doubleArray("range", length: "n", "the numbers; NaN entries are empty cells"),
                .int32("order", "Excel's order: 0 = largest first (default), nonzero = smallest first",
                       allowed: excelOrder, range: -2_147_483_648...2_147_483_647, default: "0"),
            ]),
        RegistryEntry(
            "aex_rank_avg", "Excel RANK.AVG: the rank of a value in a range; ties share their mean rank.",
            example: "94 89,88,92,101,94,97,95 0",
            params: [
                .outDouble("out_rank", "the rank"),
                .double("value", "the number to rank; must be in range"),
                .doubleArray("range", length: "n", "the numbers; NaN entries are empty cells"),
                .int32("order", "Excel's order: 0 = largest first (default), nonzero = smallest first",
                       allowed: excelOrder, range: -2_147_483_648...2_147_483_647, default: "0"),
            ]),
        RegistryEntry(
            "aex_percentrank_inc", "Excel PERCENTRANK.INC: the rank of x in a range as a fraction in [0, 1].",
            example: "13,12,11,8,4,3,2,1,1,1 5 3",
            params: [
                .outDouble("out", "the percent rank"),
                .doubleArray("range", length: "n", "the numbers; NaN entries are empty cells"),
                .double("x", "the value to rank, between the smallest and the largest number"),
                .int32("significance", "digits: Excel truncates to k decimals, Calc rounds to k significant; 0 = not given (unrounded)",
                       range: 0...2_147_483_647, default: "0"),
                .int32("convention", "whose PERCENTRANK: 0 = Excel (default), 1 = LibreOffice Calc",
                       allowed: percentRankConvention, default: "0"),
            ]),
        RegistryEntry(
            "aex_percentrank_exc", "Excel PERCENTRANK.EXC: the rank of x in a range as a fraction in (0, 1).",
            example: "1,2,3,6,6,6,7,8,9 5.43 3",
            params: [
                .outDouble("out", "the percent rank"),
                .doubleArray("range", length: "n", "the numbers; NaN entries are empty cells"),
                .double("x", "the value to rank, between the smallest and the largest number"),
                .int32("significance", "digits: Excel truncates to k decimals, Calc rounds to k significant; 0 = not given (unrounded)",
                       range: 0...2_147_483_647, default: "0"),
                .int32("convention", "whose PERCENTRANK: 0 = Excel (default), 1 = LibreOffice Calc",
                       allowed: percentRankConvention, default: "0"),
            ]),
    ])

    /// AEX_CONVENTION_* names.
    static let percentRankConvention = [RegistryChoice(value: 0, name: "excel"),
                                        RegistryChoice(value: 1, name: "calc")]

    /// Names for Excel's order flag of RANK.EQ / RANK.AVG; with the full int32 range beside
    /// them, since any nonzero value means ascending.
    static let excelOrder = [RegistryChoice(value: 0, name: "descending"),
                             RegistryChoice(value: 1, name: "ascending")]

    /// The parameters of aex_rank_groups and aex_rank_groups_i32.
    static func groupedParams(_ ids: RegistryElement) -> [RegistryParam] {
        [
            .outBuffer("out", of: .double, lengthOf: "values", "the rank of each row within its group"),
            ids == .int64
                ? .int64Array("groups", lengthOf: "values", "the group id of each row, in any order")
                : .int32Array("groups", lengthOf: "values", "the group id of each row, in any order"),
            .doubleArray("values", length: "n", "the values to rank; NaN is missing"),
            .int32("method", "how ties share ranks (AEX_RANK_*)", allowed: .cases(of: RankMethod.self),
                   default: "2"),
            .int32("order", "which end gets rank 1 (AEX_ORDER_*)", allowed: .cases(of: RankOrder.self),
                   default: "0"),
            .int32("missing", "where missing values go (AEX_MISSING_*)",
                   allowed: .cases(of: MissingPolicy.self), default: "0"),
            .int32("scale", "what to write (AEX_SCALE_*)", allowed: .cases(of: RankScale.self), default: "0"),
            .int32("threads", "0 = every CPU, 1 = the calling thread, k = at most k threads (capped at 64)",
                   range: 0...2_147_483_647, default: "0"),
        ]
    }
}
