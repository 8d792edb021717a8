import XCTest

@testable import DLCore

/// The worked check of issue 3: a 2-2-1 sigmoid network, x = (0.35, 0.9), target 1,
/// E = ½ (t − y)², η = 0.24, α = 0.5, no biases.
///
/// Weight naming (the common textbook figure): w1: x1→h1, w2: x2→h1, w3: x1→h2, w4: x2→h2,
/// w5: h1→y, w6: h2→y, so h1 = σ(w1 x1 + w2 x2), h2 = σ(w3 x1 + w4 x2), y = σ(w5 h1 + w6 h2).
/// In PyTorch layout the first weight matrix is [[w1, w2], [w3, w4]] and the second
/// [[w5, w6]]. Every weight is updated at each step.
///
/// Expected values: the hand-written plain-Python derivation in `make_reference.py`
/// (`worked_example`), cross-checked there against `torch.optim.SGD(momentum=0.5)`.
final class WorkedExampleTests: XCTestCase {
  func testTwoTwoOneSigmoidNetworkWithMomentum() throws {
    let hidden = try Linear(weight: Tensor([[0.1, 0.8], [0.4, 0.6]]))
    let output = try Linear(weight: Tensor([[0.3, 0.9]]))
    let net = Sequential(hidden, Sigmoid(), output, Sigmoid())
    let x = try Tensor([[0.35, 0.9]])
    let target = try Tensor([[1.0]])
    let sgd = try SGD(net.parameters, learningRate: 0.24, momentum: 0.5)

    // Forward pass and error, to 6 decimals as an answer key prints them.
    let h = try hidden(x).sigmoid()
    assertClose(h.scalars, ReferenceValues.workedStep1H, accuracy: 1e-12)
    XCTAssertEqual(String(format: "%.6f %.6f", h.scalars[0], h.scalars[1]), "0.680267 0.663739")
    let y = try net(x)
    XCTAssertEqual(try y.item(), ReferenceValues.workedStep1Y, accuracy: 1e-12)
    XCTAssertEqual(String(format: "%.6f", try y.item()), "0.690283")
    let error = try halfSumSquaredError(y, target)
    XCTAssertEqual(try error.item(), ReferenceValues.workedStep1E, accuracy: 1e-12)
    XCTAssertEqual(String(format: "%.6f", try error.item()), "0.047962")

    // First update.
    sgd.zeroGrad()
    try error.backward()
    let grads1 = hidden.weight.grad!.scalars + output.weight.grad!.scalars
    assertClose(grads1, ReferenceValues.workedStep1Grads, accuracy: 1e-12)
    try sgd.step()
    let delta1 = sgd.delta(for: output.weight)!.scalars
    assertClose(delta1, Array(ReferenceValues.workedStep1Dw[4...]), accuracy: 1e-12)
    assertClose(
      hidden.weight.scalars + output.weight.scalars, ReferenceValues.workedStep1W, accuracy: 1e-12)
    XCTAssertEqual(
      String(format: "%.6f %.6f", output.weight.scalars[0], output.weight.scalars[1]),
      "0.310811 0.910548")

    // Second update: the momentum term carries half of the first change. The Δw read after
    // the first step keeps its value.
    let kept = sgd.delta(for: output.weight)!
    sgd.zeroGrad()
    try halfSumSquaredError(net(x), target).backward()
    try sgd.step()
    assertClose(sgd.deltas.flatMap { $0.scalars }, ReferenceValues.workedStep2Dw, accuracy: 1e-12)
    assertClose(kept.scalars, Array(ReferenceValues.workedStep1Dw[4...]), accuracy: 1e-12)
    assertClose(
      hidden.weight.scalars + output.weight.scalars, ReferenceValues.workedStep2W, accuracy: 1e-12)
    assertClose(output.weight.scalars, ReferenceValues.torchWorkedW56Step2, accuracy: 1e-12)
    XCTAssertEqual(
      String(format: "%.6f %.6f", output.weight.scalars[0], output.weight.scalars[1]),
      "0.326856 0.926211")
  }
}
