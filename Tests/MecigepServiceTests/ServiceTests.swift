import Testing
@testable import MecigepService
