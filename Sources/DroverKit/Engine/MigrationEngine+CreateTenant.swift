extension MigrationEngine {
    /// Creates the schema of tenant `name` (`acme` or `tenant_acme`) if it
    /// does not exist and brings it to head. Calling it again for an
    /// existing tenant upgrades it, so provisioning can simply retry.
    public func createTenant(_ name: String) throws(EngineError) -> TenantOutcome {
        let started = ContinuousClock.now
        try checkTenantName(name)
        let selection = configuration.tenants
        let schema = selection.include.contains(name) ? name : selection.schemaName(forTenant: name)
        do {
            try SQLIdentifier.validate(schema, kind: "tenant schema")
        } catch {
            throw .usage(UsageError(error.message))
        }
        if selection.pattern == schema + "*" {
            throw .usage(UsageError("'\(name)' names no tenant: it is only the pattern's prefix"))
        }
        guard configuration.tenants.selects(schema) else {
            throw .usage(UsageError("schema '\(schema)' is not selected by the configuration"
                + " (pattern '\(configuration.tenants.pattern)'), so later runs would not see it"))
        }
        do {
            try connect().execute("CREATE SCHEMA IF NOT EXISTS \(SQLIdentifier.quote(schema))")
        } catch {
            throw .database(error)
        }
        // The same run as `upgrade --tenant`: an existing tenant gets the
        // edited-migration and "already exists" checks like any other.
        let report = try upgrade(to: .head, tenants: [schema], options: RunOptions(jobs: 1))
        let result = report.outcomes.first?.result
            ?? .failed(TenantFailure(revision: nil, message: "the tenant was not found after"
                + " its schema was created", error: nil))
        return TenantOutcome(schema: schema, result: result, milliseconds: started.milliseconds)
    }
}
