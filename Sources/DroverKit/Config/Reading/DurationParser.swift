/// Reads the timeout values of `tenants.yaml` as milliseconds.
///
/// Accepted: an integer followed by `ms`, `s` or `min`, or a bare integer
/// meaning seconds. No spaces, fractions or other units. The result must fit
/// PostgreSQL's integer settings (at most `Int32.max` milliseconds).
enum DurationParser {
    enum Failure: Error, Equatable {
        case malformed
        case negative
        case tooLarge
    }

    /// The largest value PostgreSQL accepts for `lock_timeout` and friends.
    static let maximumMilliseconds = Int(Int32.max)

    private static let unitMilliseconds: [Substring: Int] = [
        "": 1000, "s": 1000, "ms": 1, "min": 60_000,
    ]

    static func milliseconds(from text: String) throws(Failure) -> Int {
        let unit = text.drop { $0 == "-" || isDigit($0) }
        let number = text[..<unit.startIndex]
        let digits = number.hasPrefix("-") ? number.dropFirst() : number
        guard let multiplier = unitMilliseconds[unit],
              !digits.isEmpty, digits.allSatisfy(isDigit)
        else { throw .malformed }
        if number.hasPrefix("-") { throw .negative }
        guard let count = Int(digits) else { throw .tooLarge }
        let product = count.multipliedReportingOverflow(by: multiplier)
        guard !product.overflow, product.partialValue <= maximumMilliseconds else {
            throw .tooLarge
        }
        return product.partialValue
    }

    private static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character.isNumber
    }
}
