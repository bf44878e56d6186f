import TaskModel
import TasksTestSupport
import Testing

/// The scanner behind hard fail 7 and `[REDACTED]`: well-known token shapes and secret-looking
/// assignments, but not prose about passwords.
@Suite("SecretScanner")
struct SecretScannerTests {
    static let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"

    static let secrets: [(text: String, secret: String, kind: String)] = [
        ("export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE now", "AKIAIOSFODNN7EXAMPLE", "AWS access key"),
        ("key file:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow", "-----BEGIN RSA PRIVATE KEY-----", "private key"),
        ("-----BEGIN OPENSSH PRIVATE KEY----- follows", "-----BEGIN OPENSSH PRIVATE KEY-----", "private key"),
        ("use ghp_abcdefghijklmnopqrstuvwxyz0123456789 for CI", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "GitHub token"),
        ("pat github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuv end", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuv", "GitHub token"),
        ("Authorization uses \(jwt) today", jwt, "JWT"),
        ("connect with password=hunter2hunter2 please", "password=hunter2hunter2", "credential assignment"),
        ("config: api_key: 'sk9f8e7d6c5b4a3'", "api_key: 'sk9f8e7d6c5b4a3", "credential assignment"),
        ("db at postgres://admin:s3cretpw@db.internal:5432", "postgres://admin:s3cretpw@", "credentials in URL"),
        ("Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345", "Bearer abcdefghijklmnopqrstuvwxyz012345", "bearer token"),
        ("set PASSWORD = Sup3rS3cretValue in CI", "PASSWORD = Sup3rS3cretValue", "credential assignment"),
        ("notify via xoxb-1234567890-abcdefghij today", "xoxb-1234567890-abcdefghij", "Slack token"),
        ("charge with sk_live_abcdefghijklmnop1234 only", "sk_live_abcdefghijklmnop1234", "Stripe key"),
        ("maps key AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI here", "AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI", "Google API key"),
    ]

    @Test("finds secrets of every kind and where they are", arguments: secrets)
    func finds(_ text: String, _ secret: String, _ kind: String) throws {
        let findings = SecretScanner.findings(in: text)
        let finding = try #require(findings.first { $0.kind == kind })
        #expect(String(text[finding.range]) == secret)
    }

    @Test("redacts every secret, leaving the surrounding text", arguments: secrets)
    func redacts(_ text: String, _ secret: String, _ kind: String) throws {
        let redacted = SecretScanner.redacted(text)
        #expect(!redacted.contains(secret))
        #expect(redacted.contains("[REDACTED]"))
        let range = try #require(text.range(of: secret))
        #expect(redacted.hasPrefix(String(text[..<range.lowerBound])))
        #expect(redacted.hasSuffix(String(text[range.upperBound...])))
        #expect(SecretScanner.findings(in: redacted).isEmpty, "still flagged: \(redacted)")
    }

    @Test("does not flag prose about secrets", arguments: [
        "Enforce the password policy for every account",
        "The password must have at least 12 characters",
        "Rotate the API key every 90 days and revoke old tokens",
        "Store secrets in the vault, never in the repository",
        "Tokens expire after 15 minutes; refresh token rotation is out of scope",
        "A private key is generated per tenant",
        "Use the AWS SDK to upload avatars to S3",
        "OAuth2 authorization-code flow with PKCE",
        "See https://example.com/docs/auth for the login flow",
        "",
    ])
    func prose(_ text: String) {
        #expect(SecretScanner.findings(in: text).isEmpty)
        #expect(SecretScanner.redacted(text) == text)
    }

    @Test("webapp's evidence quotes are clean")
    func webappClean() throws {
        let plan = try Fixtures.webapp()
        let quotes = plan.document.tasks.flatMap { ($0.sourceEvidence ?? []).map(\.quote) }
        #expect(quotes.count >= 27)
        for quote in quotes { #expect(SecretScanner.findings(in: quote).isEmpty, "\(quote)") }
    }

    @Test("several secrets in one text are all redacted, in order")
    func several() {
        let text = "a AKIAIOSFODNN7EXAMPLE b ghp_abcdefghijklmnopqrstuvwxyz0123456789 c"
        #expect(SecretScanner.findings(in: text).map(\.kind) == ["AWS access key", "GitHub token"])
        #expect(SecretScanner.redacted(text) == "a [REDACTED] b [REDACTED] c")
    }

    @Test("overlapping findings (a JWT assigned to token=) redact cleanly and keep the text after")
    func overlapping() {
        let tail = " keep this sentence intact" + String(repeating: ", and this clause too", count: 10)
        let text = "token=\(Self.jwt)\(tail)"
        #expect(SecretScanner.findings(in: text).count >= 2)
        let redacted = SecretScanner.redacted(text)
        #expect(!redacted.contains("eyJ"))
        #expect(redacted.hasSuffix(tail), "redacted: \(redacted)")
        #expect(redacted.count == "[REDACTED]".count + tail.count || redacted.count == "token=[REDACTED]".count + tail.count,
                "redacted: \(redacted)")
    }

    @Test("text already redacted by the spec's convention is not flagged again", arguments: [
        "password: [REDACTED]", "api_key=[REDACTED]", "token = \"[REDACTED]\"",
    ])
    func alreadyRedacted(_ text: String) {
        #expect(SecretScanner.findings(in: text).isEmpty, "flagged: \(SecretScanner.findings(in: text).map(\.kind))")
    }
}
