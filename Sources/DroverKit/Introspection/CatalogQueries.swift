/// The catalog queries behind ``LiveSchemaReader``. Each reads one kind of
/// object for every schema in `$1` (a `text[]`) at once; `$2` is the
/// revision table, which is Drover's own and not part of any model.
enum CatalogQueries {
    /// Enum types and their labels in sort order, oldest type first.
    static let enums = """
        SELECT n.nspname, t.typname,
               COALESCE(json_agg(e.enumlabel ORDER BY e.enumsortorder)
                        FILTER (WHERE e.oid IS NOT NULL), '[]')
        FROM pg_catalog.pg_type t
        JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
        LEFT JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
        WHERE n.nspname = ANY($1::text[]) AND t.typtype = 'e'
        GROUP BY n.nspname, t.typname, t.oid
        ORDER BY n.nspname, t.oid
        """

    /// One row per column of every ordinary or partitioned table, in
    /// `attnum` order; a table without columns gives one row of NULLs.
    /// The type comes as `format_type` spells it, without the schema when
    /// it is the table's own, with what kind of type it is.
    static let columns = """
        SELECT n.nspname, c.relname, a.attname,
               CASE WHEN t.typnamespace = c.relnamespace
                         AND starts_with(f.text, quote_ident(n.nspname) || '.')
                    THEN substr(f.text, length(quote_ident(n.nspname)) + 2)
                    ELSE f.text END,
               CASE WHEN t.typtype = 'e' AND t.typnamespace = c.relnamespace THEN 'enum'
                    WHEN t.typnamespace = 'pg_catalog'::regnamespace THEN 'builtin'
                    ELSE 'other' END,
               t.typname, a.attnotnull, pg_catalog.pg_get_expr(d.adbin, d.adrelid),
               a.attidentity, a.attgenerated
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_catalog.pg_attribute a
               ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        LEFT JOIN LATERAL (SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) AS text) f
               ON true
        WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p') AND c.relname <> $2
        ORDER BY n.nspname, c.oid, a.attnum
        """

    /// Primary keys, unique, foreign-key, check and exclusion constraints,
    /// with key columns (JSON arrays, in key order) and referential actions.
    static let constraints = """
        SELECT n.nspname, c.relname, k.conname, k.contype,
               pg_catalog.pg_get_constraintdef(k.oid),
               k.confdeltype, k.confupdtype, rc.relname, rn.nspname,
               (SELECT json_agg(a.attname ORDER BY o.ord)
                FROM unnest(k.conkey) WITH ORDINALITY o(attnum, ord)
                JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = o.attnum),
               (SELECT json_agg(a.attname ORDER BY o.ord)
                FROM unnest(k.confkey) WITH ORDINALITY o(attnum, ord)
                JOIN pg_catalog.pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = o.attnum)
        FROM pg_catalog.pg_constraint k
        JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_catalog.pg_class rc ON rc.oid = k.confrelid
        LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
        WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p') AND c.relname <> $2
          AND k.contype IN ('p', 'u', 'f', 'c', 'x')
        ORDER BY n.nspname, c.oid, k.oid
        """

    /// Every index, whether a constraint owns it, its key columns (JSON) and
    /// its predicate. Indexes the model cannot describe (expressions,
    /// INCLUDE columns, another access method, DESC or NULLS FIRST) come
    /// with their whole definition instead.
    static let indexes = """
        SELECT n.nspname, c.relname, ic.relname, i.indisunique,
               pg_catalog.pg_get_expr(i.indpred, i.indrelid),
               EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k
                       WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid
                         AND k.contype IN ('p', 'u', 'x')),
               CASE WHEN i.indexprs IS NOT NULL OR i.indnatts <> i.indnkeyatts
                         OR am.amname <> 'btree'
                         OR EXISTS (SELECT 1 FROM unnest(i.indoption::int2[]) o WHERE o <> 0)
                    THEN pg_catalog.pg_get_indexdef(i.indexrelid) END,
               (SELECT json_agg(a.attname ORDER BY o.ord)
                FROM unnest(i.indkey::int2[]) WITH ORDINALITY o(attnum, ord)
                JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = o.attnum
                WHERE o.ord <= i.indnkeyatts)
        FROM pg_catalog.pg_index i
        JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
        JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_catalog.pg_am am ON am.oid = ic.relam
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p') AND c.relname <> $2
        ORDER BY n.nspname, c.oid, ic.oid
        """
}
