import ArgumentParser
import CostReports

extension AllocationKey {
    /// The keys of a `--by` argument; a bad list is a usage error that names the option.
    static func list(byOption text: String) throws -> [AllocationKey] {
        do {
            return try list(text)
        } catch {
            throw ValidationError("--by: \(error)")
        }
    }
}
