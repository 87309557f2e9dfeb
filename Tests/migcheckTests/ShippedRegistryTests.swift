import Foundation
import Testing

@Suite("migcheck validate: the shipped registry")
struct ShippedRegistryTests {
    @Test("validates clean in text: exit 0, nothing on standard output")
    func text() throws {
        let run = try MigcheckProcess.run(["validate", MigcheckProcess.shippedRegistry.path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout == "")
        #expect(occurrences(of: "error:", in: run.stderr) == 0)
    }

    @Test("validates clean in JSON: {\"status\": \"ok\", \"findings\": []}")
    func json() throws {
        let run = try MigcheckProcess.run(["validate", MigcheckProcess.shippedRegistry.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let document = try jsonObject(run.stdout)
        #expect(document["status"] as? String == "ok")
        #expect(try jsonFindings(document).isEmpty)
    }

    @Test("validates clean in GitHub format: no annotation")
    func github() throws {
        let run = try MigcheckProcess.run(["validate", MigcheckProcess.shippedRegistry.path, "--format", "github"])
        #expect(run.status == 0)
        #expect(run.stdout == "")
    }

    @Test("is found as ./registry from the package root, with no argument")
    func fromPackageRoot() throws {
        let run = try MigcheckProcess.run(["validate", "--format", "json"], currentDirectory: MigcheckProcess.packageRoot)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(try jsonObject(run.stdout)["status"] as? String == "ok")
    }
}
