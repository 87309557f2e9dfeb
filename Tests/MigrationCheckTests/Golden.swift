import Foundation
import Testing

/// Compares output with a file under `Golden/`; `MIGCHECK_RECORD_GOLDEN=1` writes the file instead.
enum Golden {
    static let directory: String = {
        let file = #filePath
        return String(file[..<file.lastIndex(of: "/")!]) + "/Golden"
    }()

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = directory + "/" + name
        if ProcessInfo.processInfo.environment["MIGCHECK_RECORD_GOLDEN"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(actual == expected, "output differs from Golden/\(name); rerun with MIGCHECK_RECORD_GOLDEN=1 to re-record", sourceLocation: sourceLocation)
    }
}
