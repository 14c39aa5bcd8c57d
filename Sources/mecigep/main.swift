import Foundation
import MecigepCLI

// A file size limit (ulimit -f) must fail the write that crosses it, with its reason, not kill
// the process and lose the rest of the batch.
signal(SIGXFSZ, SIG_IGN)
let arguments = Array(CommandLine.arguments.dropFirst())
// serve, users, backup and restore run in the service program beside this one (ServiceProgram)
if ServiceProgram.handles(arguments) { exit(ServiceProgram.exec(arguments)) }
exit(Mecigep.run(arguments: arguments))
