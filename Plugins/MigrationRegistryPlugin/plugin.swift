import PackagePlugin

/// Generates the migration registry of a target from its Swift files, so
/// that adding a file to `migrations/` is all it takes to add a migration.
@main
struct MigrationRegistryPlugin: BuildToolPlugin {
    func createBuildCommands(
        context: PluginContext,
        target: Target
    ) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let inputs = target.sourceFiles(withSuffix: "swift").map(\.url)
        let output = context.pluginWorkDirectoryURL
            .appending(path: "MigrationRegistry.swift")
        let generator = try context.tool(named: "MigrationRegistryGenerator")
        return [
            .buildCommand(
                displayName: "Generating the migration registry of \(target.name)",
                executable: generator.url,
                arguments: [output.path(), target.directoryURL.path()]
                    + inputs.map { $0.path() },
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
