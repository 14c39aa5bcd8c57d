import Foundation
import MecigepCLI

// A file size limit (ulimit -f) must fail the write that crosses it, with its reason, not kill
// the process and lose the rest of the batch.
signal(SIGXFSZ, SIG_IGN)
exit(Mecigep.run(arguments: Array(CommandLine.arguments.dropFirst())))
