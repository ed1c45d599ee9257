import Testing

@testable import AutoExports

/// Excel's published examples for RANK.EQ, RANK.AVG, PERCENTRANK.INC and PERCENTRANK.EXC.
@Suite("Spreadsheet functions")
struct SpreadsheetTests {
    @Test("RANK.EQ: Excel's examples")
    func rankEq() throws {
        let data: [Double] = [7, 3.5, 3.5, 1, 2]
        #expect(try Spreadsheet.rankEq(7, in: data, order: .ascending) == 5)
        #expect(try Spreadsheet.rankEq(2, in: data) == 4)
        #expect(try Spreadsheet.rankEq(3.5, in: data, order: .ascending) == 3)
    }

    @Test("RANK.AVG: Excel's example and a tie")
    func rankAvg() throws {
        #expect(try Spreadsheet.rankAvg(94, in: [89, 88, 92, 101, 94, 97, 95]) == 4)
        #expect(try Spreadsheet.rankAvg(3.5, in: [7, 3.5, 3.5, 1, 2]) == 2.5)
    }

    @Test("PERCENTRANK.INC: Excel's examples, truncated to 3 digits")
    func percentRankInc() throws {
        let data: [Double] = [13, 12, 11, 8, 4, 3, 2, 1, 1, 1]
        #expect(try Spreadsheet.percentRankInc(2, in: data, significance: 3) == 0.333)
        #expect(try Spreadsheet.percentRankInc(4, in: data, significance: 3) == 0.555)
        #expect(try Spreadsheet.percentRankInc(8, in: data, significance: 3) == 0.666)
        #expect(try Spreadsheet.percentRankInc(5, in: data, significance: 3) == 0.583)
        #expect(try Spreadsheet.percentRankInc(4, in: data) == 5.0 / 9)
    }

    @Test("PERCENTRANK.EXC: Excel's examples")
    func percentRankExc() throws {
        let data: [Double] = [1, 2, 3, 6, 6, 6, 7, 8, 9]
        #expect(try Spreadsheet.percentRankExc(7, in: data) == 0.7)
        #expect(try Spreadsheet.percentRankExc(5.43, in: data, significance: 3) == 0.381)
        #expect(try Spreadsheet.percentRankExc(5.43, in: data, significance: 1) == 0.3)
    }

    @Test("Excel's errors")
    func errors() {
        #expect(throws: SpreadsheetError.notFound) { try Spreadsheet.rankEq(5, in: [1, 2]) }
        #expect(throws: SpreadsheetError.outsideData) { try Spreadsheet.percentRankInc(3, in: [1, 2]) }
        #expect(throws: SpreadsheetError.empty) { try Spreadsheet.percentRankExc(1, in: [.nan]) }
        #expect(throws: SpreadsheetError.invalidSignificance(0)) {
            try Spreadsheet.percentRankInc(1, in: [1, 2], significance: 0)
        }
        #expect(throws: SpreadsheetError.missingValue) { try Spreadsheet.rankAvg(.nan, in: [1]) }
        #expect(SpreadsheetError.outsideData.excelError == "#N/A")
        #expect(SpreadsheetError.empty.excelError == "#NUM!")
    }

    @Test("truncation forgives binary representation error and never rounds up")
    func truncation() {
        #expect(Spreadsheet.truncate(0.29, digits: 2) == 0.29)
        #expect(Spreadsheet.truncate(2.0 / 3, digits: 3) == 0.666)
        #expect(Spreadsheet.truncate(0.58333, digits: 3) == 0.583)
        #expect(Spreadsheet.truncate(0.123, digits: 20) == 0.123)
    }

    @Test("infinite neighbours take the limit of the interpolation")
    func infinities() throws {
        #expect(try Spreadsheet.percentRankInc(5, in: [1, .infinity]) == 0)
        #expect(try Spreadsheet.percentRankInc(5, in: [-.infinity, 9]) == 1)
        #expect(try Spreadsheet.percentRankInc(5, in: [-.infinity, .infinity]) == 0.5)
    }

    @Test("PERCENTRANK in Calc's convention: significant digits rounded half away, EXC of one number 1")
    func percentRankCalcConvention() throws {
        let data: [Double] = [13, 12, 11, 8, 4, 3, 2, 1, 1, 1]
        #expect(try Spreadsheet.percentRankInc(4, in: data, significance: 3, convention: .calc) == 0.556)
        #expect(try Spreadsheet.percentRankInc(4, in: data, significance: 3) == 0.555)
        let nine: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
        #expect(try Spreadsheet.percentRankInc(2, in: nine, significance: 2, convention: .calc) == 0.13)
        #expect(try Spreadsheet.percentRankExc(42, in: [42]) == 0.5)
        #expect(try Spreadsheet.percentRankExc(42, in: [42], convention: .calc) == 1)
        #expect(Spreadsheet.roundSignificant(0.058333, digits: 2) == 0.058)
        #expect(Spreadsheet.roundSignificant(1, digits: 3) == 1)
        #expect(Spreadsheet.roundSignificant(0.0001234, digits: 2) == 0.00012)
        #expect(Spreadsheet.roundSignificant(0, digits: 2) == 0)
    }
}
