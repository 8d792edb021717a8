/// Whether operations record the autograd graph.
///
/// Recording is on by default. Evaluate without recording (for inference, metrics or manual
/// parameter updates) with ``Tensor/noGrad(_:)``; the setting is task-local, so it applies to
/// the code inside the closure only.
public enum GradMode {
  /// Whether operations record the graph in the current task.
  @TaskLocal public static var isEnabled = true
}

extension Tensor {
  /// Runs `body` without recording the autograd graph (PyTorch's `torch.no_grad()`).
  public static func noGrad<R>(_ body: () throws -> R) rethrows -> R {
    try GradMode.$isEnabled.withValue(false) { try body() }
  }

  /// A tensor with the same values that is cut off from the graph. It is also a snapshot:
  /// later in-place updates of this tensor (by an optimizer) do not change it.
  public func detach() -> Tensor {
    Tensor(shape: shape, scalars: scalars, budget: nil, operation: "detach")
  }

  /// Records `self` as the result of an operation on `parents` with the given backward map,
  /// when gradients are enabled and any parent requires them.
  @discardableResult
  func recording(
    _ parents: [Tensor], _ backward: @escaping ([Double]) throws -> [[Double]?]
  ) -> Tensor {
    guard GradMode.isEnabled, parents.contains(where: { $0.requiresGrad }) else { return self }
    requiresGrad = true
    self.parents = parents
    backwardFunction = backward
    return self
  }

  /// Computes the gradient of this tensor with respect to every tensor it was computed from that
  /// requires gradients, and adds it to their `grad`.
  ///
  /// - Parameter gradient: the gradient of some final quantity with respect to this tensor;
  ///   may be omitted for a one-element tensor (it is then 1).
  public func backward(gradient: Tensor? = nil) throws {
    guard requiresGrad else {
      throw TensorError.invalidArgument(
        op: "backward",
        reason: "this tensor does not require gradients; create the inputs you differentiate "
          + "with requiresGrad: true")
    }
    let seed: [Double]
    if let gradient {
      guard gradient.shape == shape else {
        throw TensorError.shapeMismatch(
          op: "backward", lhs: shape, rhs: gradient.shape,
          reason: "the gradient must have the tensor's shape")
      }
      seed = gradient.scalars
    } else {
      guard count == 1 else {
        throw TensorError.invalidShape(
          op: "backward", shape: shape,
          reason:
            "backward() without a gradient needs a one-element tensor (reduce it with sum() or mean() first)"
        )
      }
      seed = [1]
    }
    let order = topologicalOrder()
    defer { for node in order { node.pendingGrad = nil } }
    pendingGrad = seed
    for node in order.reversed() {
      guard let g = node.pendingGrad else { continue }
      node.pendingGrad = nil
      if node.backwardFunction == nil || node.retainsGrad {
        Tensor.accumulate(&node.gradStorage, g)
      }
      guard let function = node.backwardFunction else { continue }
      let grads = try function(g)
      for (parent, pg) in zip(node.parents, grads) where parent.requiresGrad {
        if let pg { Tensor.accumulate(&parent.pendingGrad, pg) }
      }
    }
  }

  /// Nodes that require gradients, parents before children (iterative, so deep graphs are fine).
  private func topologicalOrder() -> [Tensor] {
    var order: [Tensor] = []
    var visited = Set<ObjectIdentifier>()
    var stack: [(Tensor, Int)] = [(self, 0)]
    visited.insert(ObjectIdentifier(self))
    while let (node, next) = stack.popLast() {
      if next < node.parents.count {
        stack.append((node, next + 1))
        let parent = node.parents[next]
        if parent.requiresGrad, visited.insert(ObjectIdentifier(parent)).inserted {
          stack.append((parent, 0))
        }
      } else {
        order.append(node)
      }
    }
    return order
  }

  static func accumulate(_ target: inout [Double]?, _ g: [Double]) {
    guard var existing = target else {
      target = g
      return
    }
    target = nil
    existing.withUnsafeMutableBufferPointer { e in
      g.withUnsafeBufferPointer { gp in
        for i in 0..<Swift.min(e.count, gp.count) { e[i] += gp[i] }
      }
    }
    target = existing
  }
}
