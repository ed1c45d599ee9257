extension Exporter {
    /// The members of the regions a destination can be (EU27, EU28), for the rule that a
    /// region is never summed with its members (docs/destinations.md): a region is summed
    /// like a country only when none of its members has a figure in the same explanation.
    /// An aggregate not listed here is never summed.
    public static let regionMembers: [Exporter: Set<Exporter>] = {
        let eu27: Set<Exporter> = [
            "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL",
            "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE",
        ]
        return ["EU27": eu27, "EU28": eu27.union(["GBR"])]
    }()
}
