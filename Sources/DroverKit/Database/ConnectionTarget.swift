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
        let query = rest.firstIndex(of: "?")
        if let at = rest.lastIndex(of: "@"), query.map({ at < $0 }) ?? true {
            // User information ends at the last '@' before any query: an
            // unencoded password may hold '/', '?' or '@' itself.
            let user = rest[..<at].prefix { $0 != ":" && $0 != "/" && $0 != "?" }
            rest = "\(user)@" + rest[rest.index(after: at)...]
        }
        if let query = rest.firstIndex(of: "?") {
            rest = String(rest[..<query])  // Parameters may carry a password.
        }
        if let at = rest.firstIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
            rest.removeSubrange(colon..<at)  // An '@' of the query left a password.
        }
        let shown = String(url[..<schemeEnd.upperBound]) + rest
        // A malformed URL can hide where the password ends; when any piece of
        // it would still show, show nothing of the URL.
        let words = Set(shown.split(whereSeparator: { "/?@:=&".contains($0) }).map(String.init))
        let leaks = secrets(in: url).contains { words.contains($0) }
        return leaks ? "(connection URL)" : shown
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
        guard !secrets(in: conninfo).isEmpty else { return text }
        // libpq echoes what it could not parse between double quotes, cut
        // where its parser cut, which need not be where the password ends:
        // with a password present, every quoted piece goes.
        var output = ""
        var quoted = false
        for character in text {
            if character == "\"" {
                output += quoted ? "…\"" : "\""
                quoted.toggle()
            } else if !quoted {
                output.append(character)
            }
        }
        if quoted { output += "…\"" }
        for password in passwords(in: conninfo) where !password.isEmpty {
            output = output.replacingOccurrences(of: password, with: "***")
        }
        return maskingWords(of: output, in: Set(secrets(in: conninfo).filter { $0.count >= 3 }))
    }

    /// Replaces whole words (between separators such as ':', '/', '@' or a
    /// space) that are pieces of the password; never part of a word, which
    /// would show the rest of it.
    private static func maskingWords(of text: String, in pieces: Set<String>) -> String {
        var output = ""
        var word = ""
        let flush = {
            output += pieces.contains(word) ? "***" : word
            word = ""
        }
        for character in text {
            if " /?@:=&,;\"'".contains(character) {
                flush()
                output.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return output
    }

    /// The password of a URL or conninfo string, as written, decoded, and
    /// in the pieces libpq may quote when it cannot parse it.
    static func secrets(in conninfo: String) -> [String] {
        var pieces: [String] = []
        for secret in passwords(in: conninfo) where !secret.isEmpty {
            pieces.append(secret)
            if let decoded = secret.removingPercentEncoding { pieces.append(decoded) }
            // libpq quotes the pieces it splits a malformed string into.
            pieces += secret.split(whereSeparator: { " '%/?@:=&".contains($0) })
                .map(String.init).filter { $0.count >= 2 }
        }
        return Array(Set(pieces))
    }

    /// The password as written (and decoded), in a URL's user information
    /// or a `password=` setting.
    static func passwords(in conninfo: String) -> [String] {
        var found: [String] = []
        if let range = conninfo.range(of: "://") {
            let rest = conninfo[range.upperBound...]
            if let at = rest.lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
                found.append(String(rest[rest.index(after: colon)..<at]))
            }
        }
        found += keywordPasswords(in: conninfo)
        return found + found.compactMap { $0.removingPercentEncoding }
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
