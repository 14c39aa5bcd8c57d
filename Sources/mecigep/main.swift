import Foundation
import MecigepCLI

exit(Mecigep.run(arguments: Array(CommandLine.arguments.dropFirst())))
