import CLibPQ
import Foundation

/// One libpq connection, used by one worker at a time.
///
/// Statements go over the simple query protocol (`execute`), which runs a
/// whole migration in one round trip, or the extended protocol with bound
/// parameters (`query`) for values that come from outside.
public final class Connection {
    private let handle: OpaquePointer

    /// Connects with a libpq URL or conninfo string; `""` uses libpq's
    /// environment defaults (PGHOST, PGDATABASE, ...).
    public init(_ conninfo: String, applicationName: String = "drover") throws(DatabaseError) {
        // Defaults first: settings in `conninfo` come later and win.
        let keywords = ["connect_timeout", "fallback_application_name", "dbname"]
        let values = ["10", applicationName, conninfo]
        let connection = Connection.withCStrings(keywords) { keywordPointers in
            Connection.withCStrings(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection else {
            throw DatabaseError(sqlState: "08000", message: "out of memory while connecting")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = ConnectionTarget.scrub(Connection.errorText(of: connection),
                                                 conninfo: conninfo)
            PQfinish(connection)
            throw DatabaseError(
                sqlState: "08001",
                message: "cannot connect to \(ConnectionTarget.describe(conninfo)): \(message)")
        }
        handle = connection
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        RunningQueries.register(self, PQgetCancel(handle))
    }

    deinit {
        RunningQueries.unregister(self)
        PQfinish(handle)
    }

    /// Whether the connection can still be used.
    public var isOpen: Bool { PQstatus(handle) == CONNECTION_OK }

    /// Runs one or more `;`-separated statements in one round trip and
    /// returns the rows of the last one.
    @discardableResult
    public func execute(_ sql: String) throws(DatabaseError) -> QueryResult {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        return try read(result)
    }

    /// Runs one statement with `$1`, `$2`, ... bound to `parameters`.
    @discardableResult
    public func query(_ sql: String, _ parameters: [String?]) throws(DatabaseError) -> QueryResult {
        let result = Connection.withOptionalCStrings(parameters) { pointers in
            PQexecParams(handle, sql, Int32(parameters.count), nil, pointers, nil, nil, 0)
        }
        defer { PQclear(result) }
        return try read(result)
    }

    // MARK: Results

    private func read(_ result: OpaquePointer?) throws(DatabaseError) -> QueryResult {
        guard let result else {
            throw DatabaseError(sqlState: "08006",
                                message: Connection.errorText(of: handle))
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return QueryResult(columns: [], rows: [])
        case PGRES_TUPLES_OK:
            return rows(of: result)
        default:
            throw error(from: result)
        }
    }

    private func rows(of result: OpaquePointer) -> QueryResult {
        let columnCount = PQnfields(result)
        let rowCount = PQntuples(result)
        let columns = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
        var rows: [[String?]] = []
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            rows.append((0..<columnCount).map { column in
                PQgetisnull(result, row, column) == 1
                    ? nil : String(cString: PQgetvalue(result, row, column))
            })
        }
        return QueryResult(columns: columns, rows: rows)
    }

    private func error(from result: OpaquePointer) -> DatabaseError {
        func field(_ code: UInt8) -> String? {
            guard let value = PQresultErrorField(result, Int32(code)) else { return nil }
            return String(cString: value)
        }
        let primary = field(UInt8(ascii: "M")) ?? Connection.errorText(of: handle)
        return DatabaseError(
            sqlState: field(UInt8(ascii: "C")) ?? (isOpen ? nil : "08006"),
            message: primary,
            detail: field(UInt8(ascii: "D")),
            hint: field(UInt8(ascii: "H")),
            position: field(UInt8(ascii: "P")).flatMap { Int($0) })
    }

    private static func errorText(of connection: OpaquePointer) -> String {
        let text = PQerrorMessage(connection).map { String(cString: $0) } ?? "unknown error"
        return text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: "; ")
    }

    // MARK: C strings

    private static func withCStrings<Result>(
        _ strings: [String],
        _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> Result
    ) -> Result {
        withOptionalCStrings(strings) { pointers in body(pointers) }
    }

    private static func withOptionalCStrings<Result>(
        _ strings: [String?],
        _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> Result
    ) -> Result {
        let copies = strings.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        let pointers = copies.map { UnsafePointer<CChar>($0) } + [nil]
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
