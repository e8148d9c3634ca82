import CostFormats

/// Writes a warning line to standard error.
func warn(_ message: String) {
    FileOutput.writeToStandardError("costtrace: warning: " + message + "\n")
}

/// Writes an error line to standard error.
func printError(_ message: String) {
    FileOutput.writeToStandardError("costtrace: error: " + message + "\n")
}
