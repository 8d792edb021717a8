import Evaluator
import SwiftParser
import SwiftSyntax

/// Highlights Swift code for the page by classifying swift-syntax's tokens.
///
/// Each token becomes a `<span class="hl-…">` by what the parser says it is, never by pattern
/// matching on the text: keywords, literals, comments, types, called functions, declared names.
public enum SwiftHighlighter {
  /// What a highlighted piece of code is, and the CSS class it gets.
  public enum TokenClass: String, Sendable, CaseIterable {
    case keyword = "hl-kw"
    case string = "hl-str"
    case number = "hl-num"
    /// `true`, `false`, `nil`.
    case constant = "hl-lit"
    case comment = "hl-com"
    case type = "hl-type"
    case call = "hl-call"
    /// The name a declaration introduces (`func train`).
    case declaration = "hl-decl"
    case attribute = "hl-attr"
  }

  /// The HTML of `source`, escaped, with each classified token wrapped in a span.
  /// Stripping the spans and unescaping gives back `source` exactly.
  public static func html(for source: String) -> String {
    var output = ""
    output.reserveCapacity(source.utf8.count * 2)
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if BracketNesting.firstTooDeep(in: lines) != nil {
      return HTML.escape(source)  // too deep to parse safely; shown plain
    }
    let tree = Parser.parse(source: source)
    for token in tree.tokens(viewMode: .sourceAccurate) {
      append(token.leadingTrivia, to: &output)
      let text = token.text
      if let tokenClass = classify(token), !text.isEmpty {
        output += "<span class=\"\(tokenClass.rawValue)\">"
        HTML.escape(text, into: &output)
        output += "</span>"
      } else {
        HTML.escape(text, into: &output)
      }
      append(token.trailingTrivia, to: &output)
    }
    return output
  }

  private static func append(_ trivia: Trivia, to output: inout String) {
    for piece in trivia {
      var text = ""
      piece.write(to: &text)
      switch piece {
      case .lineComment, .blockComment, .docLineComment, .docBlockComment:
        output += "<span class=\"\(TokenClass.comment.rawValue)\">"
        HTML.escape(text, into: &output)
        output += "</span>"
      default:
        HTML.escape(text, into: &output)
      }
    }
  }

  /// The class of one token, from its kind and its place in the tree.
  static func classify(_ token: TokenSyntax) -> TokenClass? {
    switch token.tokenKind {
    case .keyword(let keyword):
      switch keyword {
      case .true, .false, .nil: return .constant
      default:
        // Contextual keywords used as names (`set`, `get` as a variable) stay plain.
        if token.parent?.is(DeclReferenceExprSyntax.self) == true { return nameClass(token) }
        return .keyword
      }
    case .integerLiteral, .floatLiteral:
      return .number
    case .stringSegment, .stringQuote, .multilineStringQuote, .singleQuote,
      .rawStringPoundDelimiter, .regexLiteralPattern, .regexSlash, .regexPoundDelimiter:
      return .string
    case .identifier:
      return nameClass(token)
    case .atSign:
      return .attribute
    default:
      return nil
    }
  }

  private static func nameClass(_ token: TokenSyntax) -> TokenClass? {
    guard let parent = token.parent else { return nil }
    if parent.is(IdentifierTypeSyntax.self) || parent.is(MemberTypeSyntax.self) {
      return .type
    }
    if parent.is(AttributeSyntax.self) || parent.parent?.is(AttributeSyntax.self) == true {
      return .attribute
    }
    if let function = parent.as(FunctionDeclSyntax.self), function.name.id == token.id {
      return .declaration
    }
    if parent.is(StructDeclSyntax.self) || parent.is(ClassDeclSyntax.self)
      || parent.is(EnumDeclSyntax.self) || parent.is(ProtocolDeclSyntax.self)
    {
      return .type
    }
    if let reference = parent.as(DeclReferenceExprSyntax.self) {
      let expression = ExprSyntax(reference)
      if isCallee(expression) { return .call }
      if let member = reference.parent?.as(MemberAccessExprSyntax.self),
        member.declName.id == reference.id, isCallee(ExprSyntax(member))
      {
        return .call
      }
      // Swift's convention: a capitalized name used as a value is a type (`Tensor.randn`).
      if let first = token.text.unicodeScalars.first, first.properties.isUppercase,
        reference.parent?.as(MemberAccessExprSyntax.self)?.base?.id == reference.id
      {
        return .type
      }
    }
    return nil
  }

  /// Whether `expression` is the function a call calls.
  private static func isCallee(_ expression: ExprSyntax) -> Bool {
    if let call = expression.parent?.as(FunctionCallExprSyntax.self) {
      return call.calledExpression.id == expression.id
    }
    return false
  }
}
