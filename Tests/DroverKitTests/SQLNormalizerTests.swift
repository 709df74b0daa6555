@testable import DroverKit
import Testing

/// The model's spelling and PostgreSQL's catalog spelling compare equal;
/// a different value, bound, name or operator does not.
@Suite struct SQLNormalizerTests {
    private func same(_ model: String, _ catalog: String) -> Bool {
        SQLNormalizer.expressionText(model) == SQLNormalizer.expressionText(catalog)
    }

    @Test func catalogSpellingsMatchTheModel() {
        #expect(same("'invited'", #"'invited'::"tenant-a".user_status"#))
        #expect(same("'invited'", "'invited'::tenant_a.user_status"))
        #expect(same("'{}'::jsonb", "'{}'::jsonb"))
        #expect(same("now()", "now()"))
        #expect(same("0.00", "0.00"))
        #expect(same("-1", "'-1'::integer"))
        #expect(same("quantity > 0", "((quantity > 0))"))
        #expect(same("price >= 0", "(price >= (0)::numeric)"))
        #expect(same("deleted_at IS NULL", "(deleted_at IS NULL)"))
        #expect(same("status != 'draft'", "(status <> 'draft'::tenant_a.order_status)"))
        #expect(same("length(note) > 0", "(length((note)::text) > 0)"))
        #expect(same("x IN ('a', 'b')",
                     "((x)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))"))
        #expect(same("x BETWEEN 1 AND 5", "((x >= 1) AND (x <= 5))"))
        #expect(same("x NOT BETWEEN -10 AND -5", "((x < '-10'::integer) OR (x > '-5'::integer))"))
        #expect(same(#"E'C:\\temp'"#, #"'C:\temp'::text"#))
        #expect(SQLNormalizer.defaultText(.string("it's")) == SQLNormalizer.expressionText("'it''s'::text"))
        #expect(SQLNormalizer.defaultText(.decimal("-1.5")) == SQLNormalizer.expressionText("'-1.5'::numeric"))
    }

    @Test func customTypesCompareByPostgreSQLSpelling() {
        #expect(SQLNormalizer.typeText(.custom("int4")) == SQLNormalizer.typeText(.integer))
        #expect(SQLNormalizer.typeText(.custom("VARCHAR(20)")) == SQLNormalizer.typeText(.string(20)))
        #expect(SQLNormalizer.typeText(.custom("timestamptz(3)"))
                == "timestamp(3) with time zone")
        #expect(SQLNormalizer.typeText(.custom("inet")) == "inet")
        #expect(SQLNormalizer.typeText(.custom("varchar(20)")) != SQLNormalizer.typeText(.string(21)))
        #expect(SQLNormalizer.typeText(.custom("timestamp")) != SQLNormalizer.typeText(.timestamptz))
    }

    @Test func meaningfulDifferencesStay() {
        #expect(!same("quantity > 0", "(quantity >= 0)"))
        #expect(!same("'invited'", "'active'::user_status"))
        #expect(!same("'Invited'", "'invited'::user_status"))
        #expect(!same("0.00", "0.01"))
        #expect(!same("x NOT BETWEEN 1 AND 5", "((x >= 1) AND (x <= 5))"))
        #expect(!same("x BETWEEN 1 AND 5", "((x >= 1) AND (x <= 6))"))
        #expect(!same("x - 1 > 0", "(x > '-1'::integer)"))
        #expect(!same("x IN ('a', 'b')", "(x = ANY (ARRAY['a'::text, 'c'::text]))"))
        #expect(!same(#""Name" > 0"#, "(name > 0)"))
        #expect(!same("now()", "clock_timestamp()"))
    }
}
