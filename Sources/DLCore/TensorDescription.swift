extension Tensor: CustomStringConvertible, CustomDebugStringConvertible {
  /// The values as nested brackets, like PyTorch's `tensor(...)` display, using each number's
  /// shortest exact decimal form. Large tensors show their first and last three entries along
  /// each dimension.
  public var description: String {
    var text = "tensor("
    if rank == 0 {
      text += Tensor.format(scalars.first ?? 0)
    } else {
      let summarize = count > 1000
      appendDimension(0, offset: 0, summarize: summarize, indent: 7, into: &text)
    }
    if rank > 1 || count > 1000 { text += ", shape: \(Tensor.format(shape: shape))" }
    if requiresGrad { text += ", requiresGrad: true" }
    return text + ")"
  }

  public var debugDescription: String { description }

  /// A number as Swift prints it: the shortest decimal that reads back exactly (`0.35`, `1.0`).
  static func format(_ value: Double) -> String {
    value.description
  }

  private func appendDimension(
    _ d: Int, offset: Int, summarize: Bool, indent: Int, into text: inout String
  ) {
    let size = shape[d]
    var stride = 1
    for k in (d + 1)..<rank { stride *= shape[k] }
    let indices: [Int?] =
      summarize && size > 6 ? Array(0..<3) + [nil] + Array((size - 3)..<size) : Array(0..<size)
    text += "["
    for (position, index) in indices.enumerated() {
      if position > 0 {
        text += ","
        if d == rank - 1 {
          text += " "
        } else {
          text += String(repeating: "\n", count: rank - 1 - d)
          text += String(repeating: " ", count: indent + d + 1)
        }
      }
      guard let index else {
        text += "..."
        continue
      }
      if d == rank - 1 {
        text += Tensor.format(scalars[offset + index])
      } else {
        appendDimension(
          d + 1, offset: offset + index * stride, summarize: summarize, indent: indent, into: &text)
      }
    }
    text += "]"
  }
}
