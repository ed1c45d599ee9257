import Testing

@testable import AutoExports

/// The partner (destination) dimension of the model (docs/destinations.md): a tidy file
/// with a `partner` column, its round trip, and league tables that never mix exports to
/// one market with national totals.
@Suite("Partner dimension")
struct PartnerModelTests {
    static let csv = """
        exporter,partner,period,metric,value,source,scope
        CHN,,2023,units,4910000,CAAM,all_vehicles
        CHN,RUS,2023,units,909000,CAAM,all_vehicles
        CHN,Mexico,2023,units,415000,CAAM,all_vehicles
        JPN,World,2023,units,4422682,JAMA,all_vehicles
        JPN,USA,2023,units,1330000,JAMA,all_vehicles

        """

    @Test("a partner column: blank and World are WLD, names and codes resolve")
    func partnerColumn() throws {
        let (panel, report) = try Importer.read(Self.csv, format: .tidy)
        #expect(report.rejections.isEmpty)
        let keys = panel.series.map { "\($0.exporter.code)>\($0.partner.code)" }.sorted()
        #expect(keys == ["CHN>MEX", "CHN>RUS", "CHN>WLD", "JPN>USA", "JPN>WLD"])
        let rus = try #require(panel.series.firstIndex { $0.partner == "RUS" })
        #expect(panel.observations(of: rus).map(\.value) == [909000])
        #expect(panel.series[rus].description == "CHN→RUS total units (CAAM, all_vehicles)")
    }

    @Test("a league table of exporters ranks national totals only")
    func selectionIsWorldByDefault() throws {
        let (panel, _) = try Importer.read(Self.csv, format: .tidy)
        let sel = try panel.select(metric: .units)
        #expect(sel.exporters.map(\.code) == ["CHN", "JPN"])
        #expect(sel.values == [4910000, 4422682])
        #expect(sel.keys.allSatisfy { $0.isWorld })
        let toRussia = try panel.select(metric: .units, partner: "RUS")
        #expect(toRussia.exporters.map(\.code) == ["CHN"])
        #expect(toRussia.values == [909000])
        #expect(throws: PanelError.self) { try panel.select(metric: .units, partner: "DEU") }
    }

    @Test("an unknown partner is rejected naming the column, with a suggestion")
    func unknownPartner() throws {
        let csv = "exporter,partner,period,metric,value\nCHN,Rusia,2023,units,1\nCHN,RUS,2023,units,2\n"
        let (panel, report) = try Importer.read(csv, format: .tidy, options: ImportOptions(policy: .lenient))
        #expect(panel.rowCount == 1)
        let r = try #require(report.rejections.first)
        #expect(r.line == 2 && r.column == 2 && r.columnName == "partner")
        #expect(r.detail.contains("not a known partner") && r.detail.contains("RUS"))
    }

    @Test("export writes a partner column only when there is one, and round-trips")
    func roundTrip() throws {
        let (panel, _) = try Importer.read(Self.csv, format: .tidy)
        let text = TidyCSVWriter().write(panel)
        #expect(text.hasPrefix("exporter,partner,period,"))
        let (again, _) = try Importer.read(text, format: .tidy)
        #expect(observations(again) == observations(panel))
        let world = try Importer.read("exporter,period,metric,value\nCHN,2023,units,1\n", format: .tidy).panel
        #expect(TidyCSVWriter().write(world).hasPrefix("exporter,period,"))
    }
}
