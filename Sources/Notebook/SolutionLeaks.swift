import Evaluator
import SwiftParser
import SwiftSyntax

/// Finds inline values in question prose that show a solution's result in the student
/// edition: `` `{swift} trainAccuracy` `` outside a solution `div`, where `trainAccuracy` was
/// last declared by a solution cell, prints the answer in the page meant to hide it.
struct SolutionLeaks {
  /// Per top-level name, the lines of the cells that declare it and whether each is a solution.
  private var declarations: [String: [(line: Int, isSolution: Bool)]] = [:]

  /// Reads the top-level declarations of `cells`; `isSolution` says which are left out of the
  /// student edition.
  init(cells: [Cell], isSolution: (Cell) -> Bool) {
    for cell in cells where cell.options.evaluate {
      let solution = isSolution(cell)
      for name in Self.declaredNames(in: cell.source) {
        declarations[name, default: []].append((cell.origin.line, solution))
      }
    }
  }

  /// The names `source` uses whose latest declaration before `line` is a solution cell's,
  /// in the order they first appear.
  func solutionNames(usedBy source: String, atLine line: Int) -> [String] {
    var names: [String] = []
    for name in Self.referencedNames(in: source) where !names.contains(name) {
      guard let last = declarations[name]?.last(where: { $0.line < line }) else { continue }
      if last.isSolution { names.append(name) }
    }
    return names
  }

  /// Names a cell declares at its top level: variables (also in tuple patterns), functions,
  /// structs and enums.
  static func declaredNames(in source: String) -> [String] {
    guard let tree = parsed(source) else { return [] }
    var names: [String] = []
    func collect(_ pattern: PatternSyntax) {
      if let identifier = pattern.as(IdentifierPatternSyntax.self) {
        names.append(identifier.identifier.text)
      } else if let tuple = pattern.as(TuplePatternSyntax.self) {
        for element in tuple.elements { collect(element.pattern) }
      }
    }
    for statement in tree.statements {
      let item = statement.item
      if let variable = item.as(VariableDeclSyntax.self) {
        for binding in variable.bindings { collect(binding.pattern) }
      } else if let function = item.as(FunctionDeclSyntax.self) {
        names.append(function.name.text)
      } else if let type = item.as(StructDeclSyntax.self) {
        names.append(type.name.text)
      } else if let type = item.as(EnumDeclSyntax.self) {
        names.append(type.name.text)
      }
    }
    return names
  }

  /// Names an expression reads: bare identifiers, not member names after a `.`.
  static func referencedNames(in source: String) -> [String] {
    final class Visitor: SyntaxVisitor {
      var names: [String] = []
      override func visit(_ node: DeclReferenceExprSyntax) -> SyntaxVisitorContinueKind {
        let isMemberName = node.parent?.as(MemberAccessExprSyntax.self)?.declName == node
        if !isMemberName { names.append(node.baseName.text) }
        return .visitChildren
      }
    }
    guard let tree = parsed(source) else { return [] }
    let visitor = Visitor(viewMode: .sourceAccurate)
    visitor.walk(tree)
    return visitor.names
  }

  /// `source` parsed, or nil when its brackets nest too deep to parse safely (the cell itself
  /// was refused for that with a located error).
  private static func parsed(_ source: String) -> SourceFileSyntax? {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard BracketNesting.firstTooDeep(in: lines) == nil else { return nil }
    return Parser.parse(source: source)
  }
}
