import Foundation
import Testing

/// A registry over the size from which check, expand and baseline read only what they are asked
/// about (README, "What a question reads"), with a plain layout, so that implementations are
/// read entry by entry.
@Suite("check, expand and baseline on a large registry read what they need (issue 13)")
struct LargeRegistryTests {
    static let models = 300
    static let implementations = 20
    static let parameters = 40

    /// Writes the registry; a little over 5 MiB. Numbers come from a fixed recurrence, not a clock.
    private static func writeRegistry(in directory: TemporaryDirectory) throws {
        var seed: UInt64 = 13
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        for model in 0..<models {
            var text = "model: example.com/devices/d\(model)\ndescription: synthetic device \(model)\nparameters:\n"
            for parameter in 0..<parameters {
                text += "  p\(parameter): {type: int, default: 0, allowed: [{min: 0, max: 64}]}\n"
            }
            text += "versions:\n"
            for version in 1...4 {
                text += "  - version: \"\(version)\"\n"
                if version > 1 { text += "    extends: \"\(version - 1)\"\n" }
                text += "    set: {p\(next(parameters)): \(version * 8)}\n"
            }
            try directory.write("registry/models/d\(model).yaml", text)
        }
        for implementation in 0..<implementations {
            var text = "implementation: example.com/vmm/\(implementation).0\ndescription: synthetic VMM \(implementation)\nmodels:\n"
            for model in 0..<models where next(6) > 0 {
                text += "  example.com/devices/d\(model):\n    parameters:\n"
                for parameter in 0..<parameters where next(8) > 0 {
                    text += next(3) == 0 ? "      p\(parameter): {allowed: [{min: 0, max: \(next(4) * 16)}]}\n" : "      p\(parameter): {}\n"
                }
            }
            try directory.write("registry/implementations/vmm\(implementation).yaml", text)
        }
    }

    private static func registrySize(_ directory: TemporaryDirectory) throws -> Int {
        let root = directory.path("registry")
        let paths = try #require(FileManager.default.subpathsOfDirectory(atPath: root) as [String]?)
        return try paths.reduce(0) { sum, path in
            sum + ((try FileManager.default.attributesOfItem(atPath: root + "/" + path)[.size] as? Int) ?? 0)
        }
    }

    /// The answer `batch` gives (it reads the whole registry), without its `id`.
    private static func batchAnswer(_ request: [String: Any], registry: String) throws -> NSDictionary {
        let line = try JSONSerialization.data(withJSONObject: request.merging(["id": 1]) { first, _ in first }) + Data("\n".utf8)
        let run = try MigcheckProcess.run(["batch", "--registry", registry], stdin: line, timeout: .seconds(120))
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? NSDictionary)
        let copy = try #require(answer.mutableCopy() as? NSMutableDictionary)
        copy.removeObject(forKey: "id")
        return copy
    }

    private static func json(_ run: MigcheckRun) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? NSDictionary)
    }

    @Test("answers equal the whole registry's; an error elsewhere is validate's to find; trouble reads as before")
    func readInPart() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try Self.writeRegistry(in: directory)
        #expect(try Self.registrySize(directory) > 4 << 20)
        let registry = directory.path("registry")
        let devices: [[String: Any]] = [
            ["id": "net0", "model": "example.com/devices/d7", "version": "4"],
            ["id": "blk0", "model": "example.com/devices/d151", "version": "2"],
            ["id": "gpu0", "model": "example.com/devices/d299", "set": ["p3": 16]],
        ]
        let vm: [String: Any] = ["vm": "web-1", "devices": devices]
        try directory.write("vm.json", String(decoding: try JSONSerialization.data(withJSONObject: vm), as: UTF8.self))
        let to = [["example.com/vmm/3.0"], ["example.com/vmm/1.0", "example.com/vmm/8.0"]]
        let toArguments = to.flatMap { ["--to", $0.joined(separator: ",")] }

        let questions: [(arguments: [String], request: [String: Any])] = [
            (["check", directory.path("vm.json")] + toArguments, ["command": "check", "vm": vm, "to": to]),
            (["baseline", directory.path("vm.json")] + toArguments, ["command": "baseline", "vm": vm, "to": to]),
            (["expand", "example.com/devices/d151", "--for", "example.com/vmm/5.0"],
             ["command": "expand", "model": "example.com/devices/d151", "for": "example.com/vmm/5.0"]),
        ]
        var answers: [NSDictionary] = []
        for question in questions {
            let run = try MigcheckProcess.run(question.arguments + ["--registry", registry, "--format", "json"], timeout: .seconds(120))
            #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
            let answer = try Self.json(run)
            #expect(answer == (try Self.batchAnswer(question.request, registry: registry)), "\(question.arguments[0])")
            answers.append(answer)
        }

        // A broken model that the question does not name: validate reports it; the answers stay.
        try directory.write("registry/models/zz-broken.yaml", "model: example.com/devices/broken\nbogus: 1\n")
        let validate = try MigcheckProcess.run(["validate", registry, "--format", "json"], timeout: .seconds(120))
        #expect(validate.status == 1)
        #expect(validate.stdout.contains("\"unknown-key\""))
        for (question, answer) in zip(questions, answers) {
            let run = try MigcheckProcess.run(question.arguments + ["--registry", registry, "--format", "json"], timeout: .seconds(120))
            #expect(try Self.json(run) == answer, "\(question.arguments[0])")
        }

        // A question naming what is wrong, or an id the registry lacks, is answered as from the whole registry.
        let broken = try MigcheckProcess.run(
            ["check", "--model", "example.com/devices/broken", "--to", "example.com/vmm/3.0", "--registry", registry], timeout: .seconds(120))
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("zz-broken.yaml:2:1"))
        #expect(broken.stderr.contains("run 'migcheck validate"))
    }
}
