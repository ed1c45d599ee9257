import Testing

@testable import AutoExports

@Suite("Formatting for people")
struct FormattingTests {
    @Test(
        "compact numbers: two decimals below 10, one above",
        arguments: [
            (4_910_000.0, "4.91M"), (4_422_682, "4.42M"), (4_400_000, "4.4M"), (995_000, "995k"),
            (999_600, "1M"), (1_284_000, "1.28M"), (12_345, "12.3k"), (7, "7"), (0, "0"),
            (-212_000, "-212k"), (7_098_000, "7.1M"),
        ])
    func compact(x: Double, want: String) {
        #expect(Formatting.compact(x) == want)
    }

    @Test("currencies get a symbol or their code")
    func currency() {
        #expect(Formatting.compact(174_500_000_000, metric: .usd) == "$174.5B")
        #expect(Formatting.compact(90_200_000_000, metric: .usd) == "$90.2B")
        #expect(Formatting.compact(2_500_000, metric: Metric(name: "eur")!) == "2.5M EUR")
    }

    @Test("percentages, fixed decimals and grouping")
    func others() {
        #expect(Formatting.percent(0.2446) == "24.5%")
        #expect(Formatting.percent(0.29111, digits: 0) == "29%")
        #expect(Formatting.fixed(2022.75, digits: 1) == "2022.8")
        #expect(Formatting.fixed(-0.04, digits: 1) == "0.0")
        #expect(Formatting.fixed(1.005, digits: 0) == "1")
        #expect(Formatting.grouped(4_910_000) == "4,910,000")
        #expect(Formatting.grouped(-1_234) == "-1,234")
        #expect(Formatting.signedCompact(1_800_000) == "+1.8M")
        #expect(Formatting.compact(.nan) == "–")
    }
}

@Suite("JSON")
struct JSONTests {
    @Test("objects keep key order; strings are escaped; non-finite numbers are null")
    func render() {
        let j = JSON.object([
            ("b", .number(4_910_000)), ("a", .string("Ti\"p\n\u{1}")),
            ("x", .number(2.5)), ("n", .number(.nan)), ("l", .array([.bool(true), .null])),
        ])
        #expect(j.rendered == #"{"b":4910000,"a":"Ti\"p\n\u0001","x":2.5,"n":null,"l":[true,null]}"#)
    }
}
