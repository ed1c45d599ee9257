import Testing

@testable import AutoExports

@Suite("Decimal parser")
struct DecimalParserTests {
    @Test("agrees with Double(String) on decimal text, bit for bit")
    func agreesWithStandardLibrary() {
        let texts = [
            "0", "-0", "0.0", "-0.0", "1", "4910000", "0.1", "0.3", "1.5e10", "2.5E-3", "123456789012345678",
            "1234567890123456789012", "9007199254740993", "1e22", "1e23", "1e-22", "1e-23", "5e-324",
            "2.2250738585072014e-308", "1.7976931348623157e308", "1e400", ".5", "5.", "+7", "0000123.4500",
            "0.000000000000000000000000000001", "3.141592653589793238462643383279", "-12.75e+2",
        ]
        for t in texts {
            let want = Double(t)
            let got = DecimalParser.parse(t)
            #expect(
                got?.bitPattern == want?.bitPattern,
                "\(t): got \(String(describing: got)), want \(String(describing: want))")
        }
    }

    @Test("the shortest round-trip text of any double reads back bit for bit")
    func roundTripsRandomDoubles() {
        var rng = SplitMix64(seed: 42)
        for i in 0..<200_000 {
            let bits = rng.next()
            let x = Double(bitPattern: bits)
            guard x.isFinite else { continue }
            // Mix in "ordinary" numbers too: the fast path.
            let y = i % 2 == 0 ? x : Double(Int64(bitPattern: bits) % 10_000_000_000) / 100
            for v in [x, y] {
                let back = DecimalParser.parse(v.description)
                #expect(back?.bitPattern == v.bitPattern, "\(v.description)")
                let viaValueText = DecimalParser.parse(ValueText.text(v))
                #expect(viaValueText?.bitPattern == v.bitPattern, "\(ValueText.text(v))")
            }
        }
    }

    @Test("spreadsheet thousands separators are accepted, ambiguous commas are not")
    func thousands() {
        #expect(DecimalParser.parse("4,910,000") == 4_910_000)
        #expect(DecimalParser.parse("1,234.5") == 1234.5)
        #expect(DecimalParser.parse(" -1,000 ") == -1000)
        for bad in ["1,5", "1,50", "1,5000", ",100", "100,", "1,,000", "12,34,567"] {
            #expect(DecimalParser.parse(bad) == nil, "\(bad)")
        }
    }

    @Test(
        "text that is not a number is refused",
        arguments: [
            "", " ", "abc", "12abc", "1e", "1e+", "--1", "0x10",
            "1.2.3", "1 000", "e5", ".", "-", "1_000", "١٢",
        ])
    func refuses(text: String) {
        #expect(DecimalParser.parse(text) == nil)
    }

    @Test("infinities and NaN are read")
    func specials() {
        #expect(DecimalParser.parse("inf") == .infinity)
        #expect(DecimalParser.parse("-Infinity") == -.infinity)
        #expect(DecimalParser.parse("NaN")?.isNaN == true)
    }
}

/// A small seeded generator for reproducible tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
