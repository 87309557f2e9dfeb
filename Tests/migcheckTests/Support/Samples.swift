/// Small registry files shared by several suites.
enum Sample {
    /// A model that validates clean: no finding at all.
    static let cleanModel = """
        model: example.com/devices/nic
        description: a small model without a problem
        parameters:
          queues:
            type: int
            default: 1
            allowed: [1, 2, 4]
        versions:
          - version: "1"
          - version: "2"
            extends: "1"
            set: {queues: 4}

        """

    /// One `duplicate-key` error: 1️⃣ the repeated key, 2️⃣ the first one.
    static let duplicateKey = MarkedSource("""
        model: example.com/devices/nic
        2️⃣description: first
        1️⃣description: second

        """)

    /// One `identical-versions` warning and nothing else: 1️⃣ version "2" (with `set: {}`),
    /// which expands like version "1".
    static let identicalVersions = MarkedSource("""
        model: example.com/devices/w
        parameters:
          p: {type: bool, default: off}
        versions:
          - version: "1"
          - version: 1️⃣"2"
            extends: "1"
            set: {}

        """)
}
