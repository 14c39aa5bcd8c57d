import Foundation
import MecigepServiceCLI

// As mecigep's: a file size limit fails the write that crosses it instead of killing the process.
signal(SIGXFSZ, SIG_IGN)
exit(MecigepWithService.run(arguments: Array(CommandLine.arguments.dropFirst())))
