#if os(Linux)
internal import CSystemExtras
#endif

/// How a command that reads a whole registry once, and then ends, uses memory.
enum ProcessMemory {
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Keeps `value` until the process exits. A registry is thousands of models, parameters and
    /// strings: freeing them one by one as the command returns costs a few percent of a load, for
    /// memory the exit hands back at once anyway.
    static func keepUntilExit(_ value: Any) {
        kept.append(value)
    }

    /// Keeps freed blocks in the process. glibc hands large blocks back to the kernel when they
    /// are freed, and each later block then costs a page fault per page it touches; a registry
    /// load allocates and frees file buffers and trees all the time. Kept (up to 64 MiB, blocks
    /// under 32 MiB from the heap), a load's CPU time drops by about 3 % for the same peak. Not
    /// for commands that run long or read lines of any length (`batch`, `serve`): there, freed
    /// memory is to go back.
    ///
    /// A heap also grows 16 MiB of address space at a time (`M_TOP_PAD`), not a page at a time:
    /// the loading threads' heaps otherwise call `mprotect` some 1,400 times in a load. Pages are
    /// still touched, and counted, only when used.
    static func keepFreedBlocks() {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 64 << 20)
        _ = mallopt(M_TOP_PAD, 16 << 20)
        #endif
    }
}
