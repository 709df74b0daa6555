import Testing
@testable import DroverKit

/// FIPS 180-2 test vectors: checksums recorded in tenants' revision tables
/// must never change between builds.
@Suite struct SHA256Tests {
    @Test func emptyInput() {
        #expect(SHA256.hex(of: "")
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func abc() {
        #expect(SHA256.hex(of: "abc")
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func twoBlockMessage() {
        // 56 bytes: the length no longer fits in the first block.
        let text = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(text.utf8.count == 56)
        #expect(SHA256.hex(of: text)
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func millionAs() {
        #expect(SHA256.hex(of: String(repeating: "a", count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func hashesUTF8Bytes() {
        // Different strings, different digests, always 64 lowercase hex digits.
        let digest = SHA256.hex(of: "é")
        #expect(digest != SHA256.hex(of: "e"))
        #expect(digest.count == 64)
        #expect(digest.allSatisfy { "0123456789abcdef".contains($0) })
    }
}
