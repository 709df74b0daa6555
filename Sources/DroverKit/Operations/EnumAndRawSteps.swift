/// `CREATE TYPE ... AS ENUM`.
public struct CreateEnum: MigrationStep {
    public var name: String
    public var values: [String]
    public init(_ name: String, _ values: [String]) {
        self.name = name
        self.values = values
    }
    public var operations: [Operation] { [.createEnum(name, values: values)] }
}

/// `DROP TYPE` of an enum no column uses any more.
public struct DropEnum: MigrationStep {
    public var name: String
    public init(_ name: String) { self.name = name }
    public var operations: [Operation] { [.dropEnum(name)] }
}

/// `ALTER TYPE ... ADD VALUE`. Its downgrade rebuilds the type without the
/// value, which fails (and rolls back) if a row still holds it.
public struct AddEnumValue: MigrationStep {
    public var enumName: String
    public var value: String
    public var before: String?
    public init(_ enumName: String, _ value: String, before: String? = nil) {
        self.enumName = enumName
        self.value = value
        self.before = before
    }
    public var operations: [Operation] {
        [.addEnumValue(enum: enumName, value: value, before: before)]
    }
}

/// SQL written by hand, run with the tenant schema as `search_path`.
///
/// Drover cannot invert it: give `downgrade`, or the migration has to give
/// an explicit downgrade or be marked irreversible. Raw SQL is not part of
/// the schema model.
public struct RawSQL: MigrationStep {
    public var sql: String
    public var downgrade: String?
    public init(_ sql: String, downgrade: String? = nil) {
        self.sql = sql
        self.downgrade = downgrade
    }
    public var operations: [Operation] { [.raw(sql, downgrade: downgrade)] }
}
