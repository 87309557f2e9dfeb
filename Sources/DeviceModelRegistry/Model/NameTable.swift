/// The positions of names in a list, by their hash: open addressing over positions.
///
/// A registry keeps thousands of models for as long as it runs; a dictionary of their parameter
/// and version names would take about forty bytes a name, this table eight.
struct NameTable: Sendable {
    /// A position in the list, or -1.
    private let slots: [Int32]
    /// Whether some name is written more than once in the list.
    let hasRepeats: Bool

    /// - Parameter names: the list's names; a name written twice is found at its first position.
    ///
    /// Names are hashed as strings (`hashValue`), as Swift compares them: a hash of their bytes
    /// would part strings that `==` equates (`K` and the Kelvin sign).
    init(_ names: [String]) {
        var capacity = 4
        while capacity < names.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: -1, count: capacity)
        var hasRepeats = false
        let mask = capacity - 1
        for (position, name) in names.enumerated() {
            var slot = name.hashValue & mask
            while slots[slot] >= 0 && names[Int(slots[slot])] != name { slot = (slot + 1) & mask }
            if slots[slot] < 0 { slots[slot] = Int32(position) } else { hasRepeats = true }
        }
        self.slots = slots
        self.hasRepeats = hasRepeats
    }

    /// The position of `name`; `isAt` says whether the list has `name` at a position.
    func position(of name: String, isAt: (Int) -> Bool) -> Int? {
        let mask = slots.count - 1
        var slot = name.hashValue & mask
        while slots[slot] >= 0 {
            if isAt(Int(slots[slot])) { return Int(slots[slot]) }
            slot = (slot + 1) & mask
        }
        return nil
    }
}
