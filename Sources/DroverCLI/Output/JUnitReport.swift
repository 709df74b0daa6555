import DroverKit
import Foundation

/// `drover check --junit PATH`: one test case per check, grouped in one
/// test suite per group, which CI systems display natively.
enum JUnitReport {
    static func xml(_ results: [CheckResult], allowPending: Bool) -> String {
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        let failing = results.filter { isFailure($0, allowPending: allowPending) }
        lines.append("<testsuites name=\"drover check\" tests=\"\(results.count)\""
            + " failures=\"\(failing.count)\">")
        var groups: [String] = []
        for result in results where !groups.contains(result.group) { groups.append(result.group) }
        for group in groups {
            let cases = results.filter { $0.group == group }
            let failures = cases.filter { isFailure($0, allowPending: allowPending) }.count
            lines.append("  <testsuite name=\"\(escape(group))\" tests=\"\(cases.count)\""
                + " failures=\"\(failures)\">")
            for result in cases { lines += testCase(result, allowPending: allowPending) }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func testCase(_ result: CheckResult, allowPending: Bool) -> [String] {
        let open = "    <testcase classname=\"drover.\(escape(result.group))\""
            + " name=\"\(escape(result.name))\""
        guard isFailure(result, allowPending: allowPending) else {
            guard let message = result.message else { return [open + "/>"] }
            return [open + ">", "      <system-out>\(escape(message))</system-out>",
                    "    </testcase>"]
        }
        let message = result.message ?? ""
        let firstLine = message.split(separator: "\n").first.map(String.init) ?? ""
        return [open + ">",
                "      <failure type=\"\(kind(result.status))\" message=\"\(escape(firstLine))\">"
                    + escape(message) + "</failure>",
                "    </testcase>"]
    }

    static func isFailure(_ result: CheckResult, allowPending: Bool) -> Bool {
        switch result.status {
        case .passed: false
        case .pending: !allowPending
        default: true
        }
    }

    static func kind(_ status: CheckResult.Status) -> String {
        switch status {
        case .passed: "passed"
        case .pending: "pending"
        case .drift: "drift"
        case .failure: "failure"
        case .invalid: "invalid"
        }
    }

    /// XML text and attribute escaping; characters XML 1.0 forbids are dropped.
    static func escape(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\n", "\t", "\r": output.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 { output.unicodeScalars.append(scalar) }
            }
        }
        return output
    }
}
