// mecigep-bench: figures, not tests.
//   mecigep-bench runtime [ITERATIONS]        the Lua runtime against the lua5.4 interpreter
//   mecigep-bench assess [--cases N] [--large] [--rules DIR] [--framework ID] [--seeds DIR]
//   mecigep-bench hostile [FOLDER]            how far each hostile script runs past its timeout
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "assess":
    do { try AssessBenchmark(arguments: Array(arguments.dropFirst())).run() } catch { print("error: \(error)") }
case "hostile":
    do { try HostileBenchmark(arguments: Array(arguments.dropFirst())).run() } catch { print("error: \(error)") }
case "runtime":
    iterations = arguments.dropFirst().first.flatMap(Int.init) ?? iterations
    runtimeBenchmark()
default:
    print("usage: mecigep-bench runtime [ITERATIONS] | assess [--cases N] [--large] [--rules DIR] [--framework ID] [--seeds DIR]"
        + " | hostile [FOLDER]")
}
