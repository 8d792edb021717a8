// A small Swift wrapper over libcmark: parse a CommonMark document, walk its nodes, replace
// nodes with the tool's own HTML, render. Nothing outside this module touches cmark.

import CCmark

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A parsed CommonMark document that owns its cmark tree.
///
/// Nodes handed out by a document are views into its tree and stay valid only while the
/// document is alive and the node has not been replaced.
public final class MarkdownDocument {
  private let root: OpaquePointer

  /// Parses `text` as CommonMark. Parsing never fails: every string is a document.
  public init(parsing text: String) {
    let byteCount = text.utf8.count
    if let parsed = cmark_parse_document(text, byteCount, CMARK_OPT_DEFAULT) {
      root = parsed
    } else {
      // cmark returns nil only when it cannot allocate; an empty document is the honest stand-in.
      root = cmark_node_new(CMARK_NODE_DOCUMENT)
    }
  }

  deinit { cmark_node_free(root) }

  /// The document node.
  public var document: MarkdownNode { MarkdownNode(pointer: root) }

  /// Every node of the document in document order (a node before its children), collected
  /// in one walk so that the caller may change the tree afterwards.
  public func allNodes() -> [MarkdownNode] {
    var nodes: [MarkdownNode] = []
    guard let iterator = cmark_iter_new(root) else { return nodes }
    defer { cmark_iter_free(iterator) }
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) {
        nodes.append(MarkdownNode(pointer: node))
      }
    }
    return nodes
  }

  /// The nodes of the given kinds, in document order.
  public func nodes(of kinds: Set<MarkdownNode.Kind>) -> [MarkdownNode] {
    allNodes().filter { kinds.contains($0.kind) }
  }

  /// Puts a block of the tool's own HTML where `node` was and frees `node`.
  ///
  /// The markup is written verbatim, even in safe mode, so it must already be escaped.
  public func replace(_ node: MarkdownNode, withHTMLBlock html: String) {
    let block = makeCustom(CMARK_NODE_CUSTOM_BLOCK, enter: html, exit: "")
    swapIn(block, for: node)
  }

  /// Puts an inline run of the tool's own HTML where `node` was and frees `node`.
  public func replace(_ node: MarkdownNode, withHTMLInline html: String) {
    let inline = makeCustom(CMARK_NODE_CUSTOM_INLINE, enter: html, exit: "")
    swapIn(inline, for: node)
  }

  /// Replaces an inline `node` by a sequence of plain-text and HTML pieces, in order.
  /// Text pieces are escaped by the renderer; HTML pieces are written verbatim.
  public func replace(_ node: MarkdownNode, withInlinePieces pieces: [InlinePiece]) {
    var anchor = node.pointer
    for piece in pieces {
      let created: OpaquePointer
      switch piece {
      case .text(let text):
        created = cmark_node_new(CMARK_NODE_TEXT)
        cmark_node_set_literal(created, text)
      case .html(let html):
        created = makeCustom(CMARK_NODE_CUSTOM_INLINE, enter: html, exit: "")
      }
      cmark_node_insert_after(anchor, created)
      anchor = created
    }
    cmark_node_unlink(node.pointer)
    cmark_node_free(node.pointer)
  }

  /// Replaces a block `node` by a paragraph holding `text` as plain (escaped) text.
  public func replace(_ node: MarkdownNode, withParagraphText text: String) {
    let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
    let literal = cmark_node_new(CMARK_NODE_TEXT)!
    cmark_node_set_literal(literal, text)
    cmark_node_append_child(paragraph, literal)
    swapIn(paragraph, for: node)
  }

  /// The HTML of `node` alone, as `renderHTML(allowRawHTML:)` would write it.
  public func renderHTML(of node: MarkdownNode, allowRawHTML: Bool) -> String {
    let options = allowRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
    guard let rendered = cmark_render_html(node.pointer, options) else { return "" }
    defer { free(rendered) }
    return String(cString: rendered)
  }

  /// Adds a block of the tool's own HTML as the last child of `parent`.
  public func appendHTMLBlock(_ html: String, to parent: MarkdownNode) {
    cmark_node_append_child(
      parent.pointer, makeCustom(CMARK_NODE_CUSTOM_BLOCK, enter: html, exit: ""))
  }

  /// Takes `node` and everything in it out of the document, and frees it.
  public func remove(_ node: MarkdownNode) {
    cmark_node_unlink(node.pointer)
    cmark_node_free(node.pointer)
  }

  /// Sets the literal text of a text, code, or HTML node.
  public func setLiteral(_ literal: String, of node: MarkdownNode) {
    cmark_node_set_literal(node.pointer, literal)
  }

  /// Renders the document as HTML.
  ///
  /// - Parameter allowRawHTML: when true, HTML typed by the author passes through as
  ///   CommonMark says; when false, cmark omits it and drops dangerous link targets.
  public func renderHTML(allowRawHTML: Bool) -> String {
    let options = allowRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
    guard let rendered = cmark_render_html(root, options) else { return "" }
    defer { free(rendered) }
    return String(cString: rendered)
  }

  private func makeCustom(_ type: cmark_node_type, enter: String, exit: String) -> OpaquePointer {
    let node = cmark_node_new(type)!
    cmark_node_set_on_enter(node, enter)
    cmark_node_set_on_exit(node, exit)
    return node
  }

  private func swapIn(_ replacement: OpaquePointer, for node: MarkdownNode) {
    cmark_node_replace(node.pointer, replacement)
    cmark_node_free(node.pointer)
  }
}

/// A piece of inline content: text the renderer escapes, or HTML it writes verbatim.
public enum InlinePiece: Sendable, Equatable {
  case text(String)
  case html(String)
}

/// A view of one node in a `MarkdownDocument`'s tree.
public struct MarkdownNode: Hashable, @unchecked Sendable {
  /// The kinds of CommonMark node.
  public enum Kind: Sendable, Hashable {
    case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph
    case heading, thematicBreak, text, softBreak, lineBreak, code, htmlInline, customInline
    case emphasis, strong, link, image, other
  }

  let pointer: OpaquePointer

  init(pointer: OpaquePointer) { self.pointer = pointer }

  /// What kind of node this is.
  public var kind: Kind {
    switch cmark_node_get_type(pointer) {
    case CMARK_NODE_DOCUMENT: .document
    case CMARK_NODE_BLOCK_QUOTE: .blockQuote
    case CMARK_NODE_LIST: .list
    case CMARK_NODE_ITEM: .item
    case CMARK_NODE_CODE_BLOCK: .codeBlock
    case CMARK_NODE_HTML_BLOCK: .htmlBlock
    case CMARK_NODE_CUSTOM_BLOCK: .customBlock
    case CMARK_NODE_PARAGRAPH: .paragraph
    case CMARK_NODE_HEADING: .heading
    case CMARK_NODE_THEMATIC_BREAK: .thematicBreak
    case CMARK_NODE_TEXT: .text
    case CMARK_NODE_SOFTBREAK: .softBreak
    case CMARK_NODE_LINEBREAK: .lineBreak
    case CMARK_NODE_CODE: .code
    case CMARK_NODE_HTML_INLINE: .htmlInline
    case CMARK_NODE_CUSTOM_INLINE: .customInline
    case CMARK_NODE_EMPH: .emphasis
    case CMARK_NODE_STRONG: .strong
    case CMARK_NODE_LINK: .link
    case CMARK_NODE_IMAGE: .image
    default: .other
    }
  }

  /// The text of a text, code span, code block, or raw HTML node; empty for other kinds.
  public var literal: String {
    guard let text = cmark_node_get_literal(pointer) else { return "" }
    return String(cString: text)
  }

  /// A code block's info string (`swift`, `python title="x"`), empty when there is none.
  public var fenceInfo: String {
    guard let info = cmark_node_get_fence_info(pointer) else { return "" }
    return String(cString: info)
  }

  /// A heading's level, 1 to 6; 0 for other kinds.
  public var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }

  /// The 1-based line on which the node starts in the parsed text.
  public var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
  /// The 1-based byte column at which the node starts.
  public var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
  /// The 1-based line on which the node ends.
  public var endLine: Int { Int(cmark_node_get_end_line(pointer)) }

  /// The node's parent, if it has one.
  public var parent: MarkdownNode? { cmark_node_parent(pointer).map(MarkdownNode.init) }

  /// The node after this one under the same parent.
  public var next: MarkdownNode? { cmark_node_next(pointer).map(MarkdownNode.init) }

  /// The node's children, in order.
  public var children: [MarkdownNode] {
    var result: [MarkdownNode] = []
    var child = cmark_node_first_child(pointer)
    while let current = child {
      result.append(MarkdownNode(pointer: current))
      child = cmark_node_next(current)
    }
    return result
  }

  /// The text a reader sees in this node and its descendants (text, code spans, breaks as
  /// spaces), without markup. Walks with cmark's iterator, so deep nesting cannot overflow
  /// the stack.
  public var plainText: String {
    var text = ""
    guard let iterator = cmark_iter_new(pointer) else { return text }
    defer { cmark_iter_free(iterator) }
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else {
        continue
      }
      switch cmark_node_get_type(current) {
      case CMARK_NODE_TEXT, CMARK_NODE_CODE:
        if let literal = cmark_node_get_literal(current) { text += String(cString: literal) }
      case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
        text += " "
      default:
        break
      }
    }
    return text
  }
}
