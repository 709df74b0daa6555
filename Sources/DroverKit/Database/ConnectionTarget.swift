import Foundation

/// Where a connection string points, for output: host, port and database,
/// never the user's password.
public enum ConnectionTarget {
    /// A description of `conninfo` safe to print.
    public static func describe(_ conninfo: String) -> String {
        if conninfo.isEmpty { return "libpq defaults (PGHOST, PGDATABASE, ...)" }
        if conninfo.hasPrefix("postgres://") || conninfo.hasPrefix("postgresql://") {
            return redactedURL(conninfo)
        }
        return redactedKeywords(conninfo)
    }

    private static func redactedURL(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "(connection URL)" }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { "/?".contains($0) }) ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        if let at = authority.lastIndex(of: "@") {
            let user = authority[..<at].split(separator: ":", maxSplits: 1).first ?? ""
            authority = "\(user)@" + authority[authority.index(after: at)...]
        }
        var path = String(rest[authorityEnd...])
        if let query = path.firstIndex(of: "?") {
            path = String(path[..<query])  // Parameters may carry a password.
        }
        return String(url[..<schemeEnd.upperBound]) + authority + path
    }

    private static func redactedKeywords(_ conninfo: String) -> String {
        let shown = ["host", "hostaddr", "port", "dbname", "user"]
        let pairs = conninfo.split(separator: " ").compactMap { pair -> String? in
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, shown.contains(String(parts[0])) else { return nil }
            return "\(parts[0])=\(parts[1])"
        }
        return pairs.isEmpty ? "(connection string)" : pairs.joined(separator: " ")
    }
}
