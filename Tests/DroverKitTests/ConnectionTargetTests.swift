import Testing
@testable import DroverKit

@Suite struct ConnectionTargetTests {
    @Test func describesURLsAndConninfoWithoutThePassword() {
        #expect(ConnectionTarget.describe("postgresql://app:pw@db:5432/main?sslmode=require")
            == "postgresql://app@db:5432/main")
        #expect(ConnectionTarget.describe("host=db port=5432 dbname=main user=app password=pw")
            == "host=db port=5432 dbname=main user=app")
    }

    @Test(arguments: [
        ("postgresql://postgres:S3cret%PW@127.0.0.1:1/app",
         "invalid percent-encoded token: \"S3cret%PW\""),
        ("postgresql://postgres:S3cretPW@[::1:56000/app",
         "invalid IPv6 host address in URI: \"postgresql://postgres:S3cretPW@[::1:56000/app\""),
        ("host=127.0.0.1 password='S3c ret' dbname=x", "missing \"=\" after \"ret\""),
        ("host=127.0.0.1 password=S3cretPW", "password authentication failed: S3cretPW"),
        ("postgresql://app:ab/S3cretcd@127.0.0.1:1/x", "invalid integer value \"ab\" for connection option \"port\""),
        ("postgresql://app:abS3cret?cd@127.0.0.1:1/x", "cannot parse postgresql://app:abS3cret"),
        ("postgresql://app:Tr0ub@dorS3cret@127.0.0.1:1/x", "could not translate host name \"dorS3cret@127.0.0.1\""),
        ("postgresql://bob:Pa/ss?sslmode=S3cret@127.0.0.1:1/app", "invalid sslmode value: \"S3cret@127.0.0.1:1/app\""),
        ("postgresql://bob:Pa/ss?S3cret@127.0.0.1:1/app", "missing key/value separator \"=\" in URI query parameter: \"S3cret@127.0.0.1:1/app\""),
        ("host=127.0.0.1 port=1 user=bob password=Pa'ss S3cret dbname=app", "missing \"=\" after \"S3cret\" in connection info string"),
    ])
    func scrubsPasswordsFromLibpqMessages(conninfo: String, message: String) {
        let scrubbed = ConnectionTarget.scrub(message, conninfo: conninfo)
        #expect(!scrubbed.contains("S3cret"))
        #expect(!scrubbed.contains("ret\""))
        #expect(!scrubbed.contains("S3c"))
        #expect(!scrubbed.contains("Tr0ub") && !scrubbed.contains("\"ab\""))
        #expect(!scrubbed.contains("***ing") && !scrubbed.contains("mi***"))
        #expect(!ConnectionTarget.describe(conninfo).contains("S3c"))
    }

    @Test func describesAURLWhoseQueryHoldsAnAtSignWithoutItsPassword() {
        let url = "postgresql://127.0.0.1:5432/app?user=svc@corp&password=s3cretPW"
        #expect(!ConnectionTarget.describe(url).contains("s3cret"))
        #expect(!ConnectionTarget.scrub("cannot connect", conninfo: url).contains("s3cret"))
    }
}
