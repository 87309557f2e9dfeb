import DeviceModelRegistry
import Testing

/// A small registry for the core semantics of VMs read from real ones (SPEC 10.1–10.3).
///
/// - `example.com/nic`: rss (bool, default false), queues (int, default 1, decided at start),
///   mode (enum); host-side netdev and bootindex; versions 1, 2 (rss on), 3 (queues 4).
/// - `example.com/nic2`: a second model with the same parameters' names, for model-differs.
/// - implementations: hv/1 (machines m1; nic without rss), hv/2 (machines m1, m1b, m2; everything),
///   hv/3 (nic with queues only 4).
/// - machines: m1 (nic → 1), m1b (extends m1), m2 (nic → 2), m3 (nic → 3), m-orphan (provided by none).
enum SemanticsRegistry {
    static let text = """
        model: example.com/nic
        parameters:
          rss: {type: bool, default: false}
          queues: {type: int, default: 1, decided-at-start: true}
          mode: {type: enum, values: [single, multi], default: single}
        host-side: [netdev, bootindex]
        versions:
          - version: "1"
          - version: "2"
            extends: "1"
            set: {rss: true}
          - version: "3"
            extends: "2"
            set: {queues: 4}
        ---
        model: example.com/nic2
        parameters:
          rss: {type: bool, default: false}
          queues: {type: int, default: 1, decided-at-start: true}
          mode: {type: enum, values: [single, multi], default: single}
        host-side: [netdev]
        ---
        implementation: example.com/hv/1
        machines: [example.com/machines/m1]
        models:
          example.com/nic:
            parameters: {queues: {}, mode: {}}
        ---
        implementation: example.com/hv/2
        machines: [example.com/machines/m1, example.com/machines/m1b, example.com/machines/m2, example.com/machines/m3]
        models:
          example.com/nic:
            parameters: {rss: {}, queues: {}, mode: {}}
          example.com/nic2:
            parameters: {rss: {}, queues: {}, mode: {}}
        ---
        implementation: example.com/hv/3
        machines: [example.com/machines/m1, example.com/machines/m3]
        models:
          example.com/nic:
            parameters: {rss: {}, queues: {allowed: [4]}, mode: {}}
        ---
        machine: example.com/machines/m1
        versions:
          example.com/nic: "1"
        ---
        machine: example.com/machines/m1b
        extends: example.com/machines/m1
        ---
        machine: example.com/machines/m2
        versions:
          example.com/nic: "2"
        ---
        machine: example.com/machines/m3
        versions:
          example.com/nic: "3"
        ---
        machine: example.com/machines/m-orphan
        versions:
          example.com/nic: "1"
        """

    static let registry: Registry = try! Fixtures.registry(text)
}

/// `NAME=VALUE` overrides.
func overrides(_ assignments: String...) -> [Override] {
    assignments.map { Override(assignment: $0)! }
}
