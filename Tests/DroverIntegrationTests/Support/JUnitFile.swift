import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A JUnit report written by `drover check --junit`, read back with a real
/// XML parser, so that malformed XML fails the test that reads it.
struct JUnitFile {
    struct Case {
        let suite: String
        let className: String
        let name: String
        /// `type` of the `<failure>` element, `nil` when the case passed.
        let failureType: String?
        let failureMessage: String?
        let failureText: String?
    }

    /// The counts on the root `<testsuites>` element.
    let tests: Int
    let failures: Int
    let cases: [Case]
    /// `(name, tests, failures)` of each `<testsuite>`.
    let suites: [(name: String, tests: Int, failures: Int)]

    var failingCases: [String] { cases.filter { $0.failureType != nil }.map(\.name) }

    init(path: String) throws {
        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: path), options: [])
        guard let root = document.rootElement(), root.name == "testsuites" else {
            throw TestSetupError(message: "\(path): the root element is not <testsuites>")
        }
        tests = Int(root.attribute(forName: "tests")?.stringValue ?? "") ?? -1
        failures = Int(root.attribute(forName: "failures")?.stringValue ?? "") ?? -1
        var cases: [Case] = []
        var suites: [(name: String, tests: Int, failures: Int)] = []
        for suite in root.elements(forName: "testsuite") {
            let suiteName = suite.attribute(forName: "name")?.stringValue ?? ""
            suites.append((suiteName,
                           Int(suite.attribute(forName: "tests")?.stringValue ?? "") ?? -1,
                           Int(suite.attribute(forName: "failures")?.stringValue ?? "") ?? -1))
            for element in suite.elements(forName: "testcase") {
                let failure = element.elements(forName: "failure").first
                cases.append(Case(
                    suite: suiteName,
                    className: element.attribute(forName: "classname")?.stringValue ?? "",
                    name: element.attribute(forName: "name")?.stringValue ?? "",
                    failureType: failure.map { $0.attribute(forName: "type")?.stringValue ?? "" },
                    failureMessage: failure?.attribute(forName: "message")?.stringValue,
                    failureText: failure?.stringValue))
            }
        }
        self.cases = cases
        self.suites = suites
    }
}
