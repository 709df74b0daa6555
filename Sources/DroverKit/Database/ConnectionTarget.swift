import Foundation

/// Where a connection string points, for output: user, host, port and
/// database, never the password.
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
        var rest = String(url[schemeEnd.upperBound...])
        // A password written without percent-encoding may hold '/', '?' or
        // '@'; whatever comes before the last '@' is user information.
        if let at = rest.lastIndex(of: "@") {
            let user = rest[..<at].prefix { $0 != ":" && $0 != "/" && $0 != "?" }
            rest = "\(user)@" + rest[rest.index(after: at)...]
        }
        if let query = rest.firstIndex(of: "?") {
            rest = String(rest[..<query])  // Parameters may carry a password.
        }
        return String(url[..<schemeEnd.upperBound]) + rest
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

extension ConnectionTarget {
    /// `message` with anything from `conninfo` that could be a password
    /// removed: libpq quotes parts of a connection string it cannot parse,
    /// and a URL it cannot parse whole.
    public static func scrub(_ message: String, conninfo: String) -> String {
        var text = message
        if !conninfo.isEmpty {
            text = text.replacingOccurrences(of: conninfo, with: describe(conninfo))
        }
        for secret in secrets(in: conninfo).sorted(by: { $0.count > $1.count }) {
            text = text.replacingOccurrences(of: secret, with: "***")
        }
        return text
    }

    /// The password of a URL or conninfo string, as written, decoded, and
    /// in the pieces libpq may quote when it cannot parse it.
    static func secrets(in conninfo: String) -> [String] {
        var found: [String] = []
        if let range = conninfo.range(of: "://") {
            let rest = conninfo[range.upperBound...]
            if let at = rest.lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
                found.append(String(rest[rest.index(after: colon)..<at]))
            }
        }
        found += keywordPasswords(in: conninfo)
        var pieces: [String] = []
        for secret in found where !secret.isEmpty {
            pieces.append(secret)
            if let decoded = secret.removingPercentEncoding { pieces.append(decoded) }
            // libpq quotes the pieces it splits a malformed string into.
            pieces += secret.split(whereSeparator: { " '%/?@:".contains($0) })
                .map(String.init).filter { $0.count >= 2 }
        }
        return Array(Set(pieces))
    }

    /// Values of `password=` in a conninfo string or a URL's query, quoted
    /// or not.
    private static func keywordPasswords(in conninfo: String) -> [String] {
        var values: [String] = []
        var search = conninfo[...]
        while let key = search.range(of: "password") {
            var rest = search[key.upperBound...].drop { $0 == " " }
            guard rest.first == "=" else { search = search[key.upperBound...]; continue }
            rest = rest.dropFirst().drop { $0 == " " }
            if rest.first == "'" {
                let body = rest.dropFirst()
                values.append(String(body.prefix { $0 != "'" }))
            } else {
                values.append(String(rest.prefix { $0 != " " && $0 != "&" }))
            }
            search = rest
        }
        return values
    }
}
