extension String {
    /// Natural order: runs of digits compare as numbers (`pc-q35-2.9` before `pc-q35-2.10`,
    /// `qemu.org/qemu/9.2` before `qemu.org/qemu/10.2`); the rest by Unicode scalars.
    public func compare(naturally other: String) -> Bool {
        var a = unicodeScalars.makeIterator()
        var b = other.unicodeScalars.makeIterator()
        var left = a.next()
        var right = b.next()
        while let l = left, let r = right {
            if Self.isDigit(l), Self.isDigit(r) {
                var x = "", y = ""
                while let c = left, Self.isDigit(c) { x.unicodeScalars.append(c); left = a.next() }
                while let c = right, Self.isDigit(c) { y.unicodeScalars.append(c); right = b.next() }
                let xs = x.drop { $0 == "0" }, ys = y.drop { $0 == "0" }
                if xs.count != ys.count { return xs.count < ys.count }
                if xs != ys { return xs < ys }
                if x.count != y.count { return x.count < y.count }
                continue
            }
            if l != r { return l.value < r.value }
            left = a.next()
            right = b.next()
        }
        return left == nil && right != nil
    }

    /// An ASCII digit (the only digits natural order counts).
    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(scalar.value)
    }
}
