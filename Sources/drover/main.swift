import DroverCLI
import Foundation
import Migrations

let status = DroverCommandLine.run(
    Array(CommandLine.arguments.dropFirst()),
    environment: ProcessInfo.processInfo.environment,
    migrations: allMigrations,
    console: .standard(),
    handlesSignals: true)
exit(status)
