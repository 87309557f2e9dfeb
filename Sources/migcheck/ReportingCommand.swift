import ArgumentParser
import DeviceModelRegistry

/// A command whose work can end in trouble: it prints its results and returns
/// an exit status; an ``InputError`` is printed in the chosen format and is exit 2.
protocol ReportingCommand: ParsableCommand {
    associatedtype Formats: FormatChoices
    var common: CommonOptions<Formats> { get }
    /// Prints the results and returns the exit status.
    func execute() throws(InputError) -> Int32
}

extension ReportingCommand {
    func run() throws {
        let status: Int32
        do {
            status = try execute()
        } catch {
            throw common.fail(error)
        }
        throw ExitCode(status)
    }
}
