// The MathML tree the parser builds, and the one XML writer that serializes it.

/// One MathML element: a token element (`mi`, `mn`, `mo`, `mtext`) holds text, every other
/// element holds children. Attributes keep the order they were given, so output is stable.
struct MathNode: Sendable, Equatable {
  var name: String
  var attributes: [Attribute]
  var text: String?
  var children: [MathNode]

  struct Attribute: Sendable, Equatable {
    var name: String
    var value: String
  }

  init(_ name: String, _ attributes: [Attribute] = [], children: [MathNode] = []) {
    self.name = name
    self.attributes = attributes
    self.text = nil
    self.children = children
  }

  init(_ name: String, _ attributes: [Attribute] = [], text: String) {
    self.name = name
    self.attributes = attributes
    self.text = text
    self.children = []
  }

  static func mi(_ text: String, _ attributes: [Attribute] = []) -> MathNode {
    MathNode("mi", attributes, text: text)
  }

  static func mn(_ text: String) -> MathNode { MathNode("mn", text: text) }

  static func mo(_ text: String, _ attributes: [Attribute] = []) -> MathNode {
    MathNode("mo", attributes, text: text)
  }

  static func mtext(_ text: String, _ attributes: [Attribute] = []) -> MathNode {
    MathNode("mtext", attributes, text: text)
  }

  /// Horizontal space; a negative width (`\!`) pulls its neighbours together.
  static func space(_ width: String) -> MathNode {
    guard width.hasPrefix("-") else {
      return MathNode("mspace", [Attribute(name: "width", value: width)])
    }
    // Chromium clamps a negative mspace width to zero; a negative margin works everywhere.
    return MathNode("mspace", [Attribute(name: "style", value: "margin-left: \(width)")])
  }

  /// A row of nodes; a single node stands for itself, as an `mrow` of one adds nothing.
  static func row(_ nodes: [MathNode]) -> MathNode {
    nodes.count == 1 ? nodes[0] : MathNode("mrow", children: nodes)
  }

  static func error(_ source: String) -> MathNode {
    MathNode("merror", children: [.mtext(source)])
  }

  /// This node with one more attribute (or the named attribute replaced).
  func with(_ name: String, _ value: String) -> MathNode {
    var copy = self
    if let index = copy.attributes.firstIndex(where: { $0.name == name }) {
      copy.attributes[index].value = value
    } else {
      copy.attributes.append(Attribute(name: name, value: value))
    }
    return copy
  }

  func attribute(_ name: String) -> String? {
    attributes.first(where: { $0.name == name })?.value
  }
}

extension MathNode.Attribute: ExpressibleByArrayLiteral {
  /// `["stretchy", "false"]` reads better in builder tables than a labelled initializer.
  init(arrayLiteral elements: String...) {
    precondition(elements.count == 2, "an attribute literal is a name and a value")
    self.init(name: elements[0], value: elements[1])
  }
}

/// Serializes math nodes as XML: attributes in the order given, text escaped, and characters
/// XML cannot carry replaced by U+FFFD so the output always parses.
enum XMLWriter {
  static func write(_ node: MathNode, into output: inout String) {
    output += "<"
    output += node.name
    for attribute in node.attributes {
      output += " "
      output += attribute.name
      output += "=\""
      escape(attribute.value, into: &output, quotes: true)
      output += "\""
    }
    output += ">"
    if let text = node.text {
      escape(text, into: &output, quotes: false)
    } else {
      for child in node.children {
        write(child, into: &output)
      }
    }
    output += "</"
    output += node.name
    output += ">"
  }

  static func escape(_ text: String, into output: inout String, quotes: Bool) {
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": output += "&amp;"
      case "<": output += "&lt;"
      case ">": output += "&gt;"
      case "\"" where quotes: output += "&quot;"
      case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
      case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
        output += "\u{FFFD}"
      default: output.unicodeScalars.append(scalar)
      }
    }
  }
}
