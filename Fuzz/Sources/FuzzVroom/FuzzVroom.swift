import Foundation
import FuzzDriver
import Itinerary

// Bytes as a VROOM problem; small valid problems are solved briefly and every answer must pass
// the independent checker (the solver's promise, under inputs nobody wrote by hand).
@main enum Harness { static func main() { runLibFuzzer(fuzzVroom) } }

@_cdecl("LLVMFuzzerTestOneInput") // libFuzzer's runtime links against this name
public func fuzzVroom(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let vroom = try? VroomProblem(json: Data(UnsafeRawBufferPointer(start: start, count: count))),
        let problem = try? vroom.problem()
    else { return 0 }
    guard problem.jobs.count <= 25, problem.vehicles.count <= 4 else { return 0 }
    let options = SolverOptions(seed: 1, timeLimit: 0.05, maxIterations: 30, threads: 1)
    guard let solution = try? Solver.solve(problem, options: options) else { return 0 }
    let violations = Checker.violations(problem, solution)
    guard violations.isEmpty else { fatalError("solver answer fails the checker: \(violations)") }
    _ = VroomSolution(problem, solution).text
    return 0
}
