/// "Did you mean ...?": the closest known name to one that is not known.
public enum Suggestion {
    /// The candidate nearest to `name` by edit distance, when it is near enough
    /// to be a plausible typo; ties go to the earlier candidate.
    public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(name.unicodeScalars)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let length = candidate.unicodeScalars.count
            let limit = max(2, max(target.count, length) / 3)
            // The distance is at least the difference in length: skip the quadratic work.
            guard abs(target.count - length) <= limit else { continue }
            let distance = editDistance(target, Array(candidate.unicodeScalars))
            guard distance <= limit else { continue }
            if best == nil || distance < best!.distance {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// `; did you mean 'x'?`, or nothing.
    public static func hint(for name: String, among candidates: some Sequence<String>) -> String {
        closest(to: name, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// For a version a model lacks: the closest *older* version (the last, in the model's order,
    /// that comes before `name` in natural order) first, never a newer one, then the model's
    /// versions — suggesting a newer version points at a guest-visible change a destination may refuse.
    ///
    /// `; the closest older version is '6.1'; the versions are '6.1', '9.2'`.
    public static func versionHint(for name: String, among versions: [String], listing limit: Int = 20) -> String {
        guard !versions.isEmpty else { return "; the model has no versions" }
        let older = versions.last { $0.compare(naturally: name) }
        var hint = older.map { "; the closest older version is '\($0)'" } ?? "; no version is older than '\(name)'"
        let listed = versions.prefix(limit).map { "'\($0)'" }.joined(separator: ", ")
        hint += "; the versions are " + listed
        if versions.count > limit { hint += " and \(versions.count - limit) more" }
        return hint
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
