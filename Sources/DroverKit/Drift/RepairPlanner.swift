/// The DDL that would bring a live schema back to the model: printed by
/// `drover diff --sql` for a person to review, never run by Drover.
struct RepairPlanner {
    let expected: SchemaModel
    let live: SchemaModel

    /// The operations, in an order PostgreSQL accepts: types first, then
    /// tables and columns, constraints after what they refer to, and drops
    /// of unexpected objects last. Differences Drover cannot express are
    /// returned as comments.
    func plan(_ differences: [SchemaDifference]) -> (operations: [Operation], notes: [String]) {
        var early: [Operation] = []     // enums, constraint drops
        var middle: [Operation] = []    // tables, columns, alterations
        var late: [Operation] = []      // constraints and indexes
        var last: [Operation] = []      // unexpected tables and enums
        var notes: [String] = []
        for difference in differences {
            let table = difference.table ?? ""
            let name = difference.name
            switch difference.kind {
            case .missingEnum:
                if let type = expected.enumType(named: name) {
                    early.append(.createEnum(name, values: type.values))
                }
            case .enumValuesMismatch:
                early += enumRepairs(name, notes: &notes)
            case .unexpectedEnum:
                last.append(.dropEnum(name))
            case .missingTable:
                if let definition = expected.table(named: name) {
                    middle.append(.createTable(Table(name: name, columns: definition.columns)))
                    late += definition.constraints.map { .addConstraint(table: name, $0) }
                    late += definition.indexes.map { .createIndex(table: name, $0, concurrently: false) }
                }
            case .unexpectedTable:
                last.append(.dropTable(name))
            case .missingColumn:
                if let column = expected.table(named: table)?.column(named: name) {
                    middle.append(.addColumn(table: table, column))
                }
            case .unexpectedColumn:
                last.append(.dropColumn(table: table, column: name))
            case .typeMismatch, .nullabilityMismatch, .defaultMismatch:
                if let change = columnChange(difference) {
                    middle.append(.alterColumn(table: table, column: name, change))
                }
            case .identityMismatch:
                notes.append("\(difference): change the identity by hand")
            case .missingIndex:
                if let index = index(name, of: table, in: expected) {
                    late.append(.createIndex(table: table, index, concurrently: false))
                }
            case .unexpectedIndex:
                early.append(.dropIndex(name, concurrently: false))
            case .indexMismatch:
                early.append(.dropIndex(name, concurrently: false))
                if let index = index(name, of: table, in: expected) {
                    late.append(.createIndex(table: table, index, concurrently: false))
                }
            case .missingConstraint:
                if let constraint = expected.table(named: table)?.constraint(named: name) {
                    late.append(.addConstraint(table: table, constraint))
                }
            case .unexpectedConstraint:
                early.append(.dropConstraint(table: table, name: name))
            case .constraintMismatch:
                early.append(.dropConstraint(table: table, name: name))
                if let constraint = expected.table(named: table)?.constraint(named: name) {
                    late.append(.addConstraint(table: table, constraint))
                }
            }
        }
        return (early + middle + late + last, notes)
    }

    /// The SQL for `schema`, with notes as comments.
    func script(_ differences: [SchemaDifference], schema: String) -> String {
        let (operations, notes) = plan(differences)
        let renderer = SQLRenderer(model: live)
        var text = notes.map { "-- \($0)\n" }.joined()
        for operation in operations {
            if operation.destroysData {
                text += "-- destroys data: no migration makes this object\n"
            }
            text += SQLTemplate(statements: renderer.render(operation)).script(forSchema: schema)
        }
        return text
    }

    private func columnChange(_ difference: SchemaDifference) -> ColumnChange? {
        guard let table = difference.table,
              let column = expected.table(named: table)?.column(named: difference.name) else {
            return nil
        }
        switch difference.kind {
        case .typeMismatch: return ColumnChange(type: column.type)
        case .nullabilityMismatch: return ColumnChange(isNullable: column.isNullable)
        default: return ColumnChange(defaultChange: column.defaultValue.map { .set($0) } ?? .drop)
        }
    }

    private func index(_ name: String, of table: String, in model: SchemaModel) -> Index? {
        model.table(named: table)?.indexes.first { $0.name == name }
    }

    /// Missing values are added in place; extra values are removed by
    /// rebuilding the type, which fails while a row still holds one.
    private func enumRepairs(_ name: String, notes: inout [String]) -> [Operation] {
        guard let wanted = expected.enumType(named: name)?.values,
              let present = live.enumType(named: name)?.values else { return [] }
        var operations: [Operation] = []
        for (position, value) in wanted.enumerated() where !present.contains(value) {
            let before = wanted[(position + 1)...].first { present.contains($0) }
            operations.append(.addEnumValue(enum: name, value: value, before: before))
        }
        for value in present where !wanted.contains(value) {
            operations.append(.removeEnumValue(enum: name, value: value))
        }
        let kept = present.filter { wanted.contains($0) }
        if kept != wanted.filter({ present.contains($0) }) {
            notes.append("enum \(name): values are in another order; reorder them by hand")
        }
        return operations
    }
}

extension Operation {
    /// Drops a table or a column, and what it held with it.
    var destroysData: Bool {
        switch self {
        case .dropTable, .dropColumn: true
        default: false
        }
    }
}

extension MigrationEngine {
    /// The drift of one tenant, and the DDL that would repair it.
    public func diff(tenant name: String) throws(EngineError) -> (drift: TenantDrift, sql: String) {
        let connection: Connection
        do {
            connection = try connect()
        } catch {
            throw .database(error)
        }
        guard let state = try tenantStates(named: [name], on: connection).first else {
            throw .usage(UsageError("no tenant '\(name)'"))
        }
        let live: SchemaModel
        do {
            live = try LiveSchemaReader(connection: connection)
                .read([state.schema], revisionTable: configuration.revisionTable)[state.schema]
                ?? SchemaModel()
        } catch {
            throw .database(error)
        }
        let drift = drift(of: state, live: live)
        let planner = RepairPlanner(expected: migrations.model(at: state.current), live: live)
        return (drift, planner.script(drift.differences, schema: state.schema))
    }
}
