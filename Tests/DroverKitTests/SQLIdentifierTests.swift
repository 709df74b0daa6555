import Testing
@testable import DroverKit

@Suite struct SQLIdentifierTests {
    @Test func quotesReservedWordsAndMixedCase() {
        #expect(SQLIdentifier.quote("user") == "\"user\"")
        #expect(SQLIdentifier.quote("OrderLines") == "\"OrderLines\"")
    }

    @Test func doublesEmbeddedQuotes() {
        #expect(SQLIdentifier.quote("a\"b") == "\"a\"\"b\"")
        #expect(SQLIdentifier.qualified("tenant_x", "t") == "\"tenant_x\".\"t\"")
    }

    @Test func rejectsEmptyNulAndLongNames() {
        #expect(throws: InvalidIdentifier.self) { try SQLIdentifier.validate("") }
        #expect(throws: InvalidIdentifier.self) { try SQLIdentifier.validate("a\0b") }
        #expect(throws: InvalidIdentifier.self) {
            try SQLIdentifier.validate(String(repeating: "x", count: 64))
        }
        // 63 bytes is the limit, counted in UTF-8 bytes, not characters.
        #expect(throws: Never.self) { try SQLIdentifier.validate(String(repeating: "x", count: 63)) }
        #expect(throws: InvalidIdentifier.self) {
            try SQLIdentifier.validate(String(repeating: "é", count: 32))
        }
    }

    @Test func escapesLiterals() {
        #expect(SQLLiteral.quote("it's") == "'it''s'")
        #expect(SQLLiteral.quote("a\\b") == "E'a\\\\b'")
    }
}
