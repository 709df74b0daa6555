extension MigrationSet {
    /// `drover check` step 1: the graph compiled (or this set would not
    /// exist), and every migration can be undone or says it cannot.
    public var soundnessChecks: [CheckResult] {
        var results = [CheckResult(
            group: "graph", name: "revision graph", status: .passed,
            message: "\(migrations.count) migrations, one head: \(head ?? "base")")]
        for migration in migrations {
            let name = "reversible \(migration.revision)"
            if migration.isReversible || migration.isMarkedIrreversible {
                results.append(CheckResult(
                    group: "graph", name: name, status: .passed,
                    message: migration.isMarkedIrreversible
                        ? "marked irreversible: \(migration.irreversibleReason ?? "")" : nil))
            } else {
                results.append(CheckResult(
                    group: "graph", name: name, status: .invalid,
                    message: "\(migration.location): \(migration.irreversibleReason ?? "no downgrade")"))
            }
        }
        return results
    }
}

extension MigrationEngine {
    /// `drover check` step 3: every tenant at head, without drift or
    /// edited migrations.
    public func tenantChecks(tenants names: [String] = []) throws(EngineError) -> [CheckResult] {
        let drifts = try inspectDrift(tenants: names)
        if drifts.isEmpty {
            // A typo in the pattern must not turn CI green.
            return [CheckResult(group: "tenants", name: "selection", status: .pending,
                                message: "no schema matches the configured tenants"
                                    + " (pattern '\(configuration.tenants.pattern)')")]
        }
        return drifts.map { drift in
            let name = drift.schema
            if let problem = drift.problem {
                return CheckResult(group: "tenants", name: name, status: .drift, message: problem)
            }
            var lines: [String] = []
            if !drift.editedRevisions.isEmpty {
                lines.append("edited after it was applied: "
                    + drift.editedRevisions.joined(separator: ", "))
            }
            lines += drift.differences.map(\.description)
            if !lines.isEmpty {
                return CheckResult(group: "tenants", name: name, status: .drift,
                                   message: lines.joined(separator: "\n"))
            }
            if drift.pendingCount > 0 {
                return CheckResult(
                    group: "tenants", name: name, status: .pending,
                    message: "\(drift.pendingCount) migration\(drift.pendingCount == 1 ? "" : "s")"
                        + " behind head (at \(drift.revision ?? "base"))")
            }
            return CheckResult(group: "tenants", name: name, status: .passed,
                               message: "at \(drift.revision ?? "base")")
        }
    }
}
