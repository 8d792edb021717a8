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
    // cmark splits text at characters that might have been emphasis (`_`, `*`); joined
    // again, a text node holds all the text a reader sees as one run (`@fig-loss_curve`).
    cmark_consolidate_text_nodes(root)
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
        cmark_node_set_literal(created, cString(text))
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
    cmark_node_set_literal(literal, cString(text))
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
    cmark_node_set_literal(node.pointer, cString(literal))
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

  /// Bounds how deep the document nests, so that a browser shows all of it: HTML parsers
  /// stop nesting elements at a fixed depth (512 in Chromium and in the HTML checker) and put
  /// deeper ones beside their parents, which changes what the page says.
  ///
  /// Where block quotes, lists and list items nest more than `maxDepth` deep, every paragraph,
  /// heading, code block, HTML block and rule below the nearest block quote or item at most
  /// `maxDepth` deep is moved into it, in order, and the deeper containers are dropped. Where
  /// emphasis, links and images nest more than `maxDepth` inside one another, the deeper ones
  /// give way to the text they hold. Code blocks keep their order among code blocks.
  ///
  /// - Returns: where each flattened region starts, in document order.
  @discardableResult
  public func flattenNesting(deeperThan maxDepth: Int) -> [FlattenedNesting] {
    var cuts: [FlattenedNesting] = []
    // Blocks first: the inline pass then sees each paragraph where it ends up.
    for (host, first) in tooDeep(maxDepth, counting: Self.blockContainers, hostOf: blockHost) {
      cuts.append(FlattenedNesting(at: MarkdownNode(pointer: first), isInline: false))
      let moved = descendants(of: host, matching: Self.leafBlocks)
      for node in moved { cmark_node_unlink(node) }
      while let child = cmark_node_first_child(host) {
        cmark_node_unlink(child)
        cmark_node_free(child)
      }
      for node in moved { cmark_node_append_child(host, node) }
    }
    for (host, _) in tooDeep(maxDepth, counting: Self.inlineContainers, hostOf: { $0 }) {
      cuts.append(FlattenedNesting(at: MarkdownNode(pointer: host), isInline: true))
      for leaf in descendants(of: host, matching: Self.leafInlines) {
        cmark_node_insert_before(host, leaf)
      }
      cmark_node_unlink(host)
      cmark_node_free(host)
    }
    return cuts.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
  }

  private static let blockContainers: Set<UInt32> = [
    CMARK_NODE_BLOCK_QUOTE.rawValue, CMARK_NODE_LIST.rawValue, CMARK_NODE_ITEM.rawValue,
  ]
  private static let inlineContainers: Set<UInt32> = [
    CMARK_NODE_EMPH.rawValue, CMARK_NODE_STRONG.rawValue, CMARK_NODE_LINK.rawValue,
    CMARK_NODE_IMAGE.rawValue,
  ]
  private static let leafBlocks: Set<UInt32> = [
    CMARK_NODE_PARAGRAPH.rawValue, CMARK_NODE_HEADING.rawValue, CMARK_NODE_CODE_BLOCK.rawValue,
    CMARK_NODE_HTML_BLOCK.rawValue, CMARK_NODE_THEMATIC_BREAK.rawValue,
    CMARK_NODE_CUSTOM_BLOCK.rawValue,
  ]
  private static let leafInlines: Set<UInt32> = [
    CMARK_NODE_TEXT.rawValue, CMARK_NODE_CODE.rawValue, CMARK_NODE_HTML_INLINE.rawValue,
    CMARK_NODE_SOFTBREAK.rawValue, CMARK_NODE_LINEBREAK.rawValue,
    CMARK_NODE_CUSTOM_INLINE.rawValue,
  ]

  /// The nearest block quote, item or document at or above `node`'s parent: a node that may
  /// hold paragraphs.
  private func blockHost(_ node: OpaquePointer) -> OpaquePointer {
    var current = cmark_node_parent(node)
    while let candidate = current {
      let type = cmark_node_get_type(candidate)
      if type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_ITEM || type == CMARK_NODE_DOCUMENT {
        return candidate
      }
      current = cmark_node_parent(candidate)
    }
    return root
  }

  /// For each place where nodes of `kinds` nest more than `maxDepth` inside one another: the
  /// node to flatten (`hostOf` the first node too deep) and that first node. Hosts do not
  /// overlap: the walk skips the rest of a host once it has one.
  private func tooDeep(
    _ maxDepth: Int, counting kinds: Set<UInt32>, hostOf: (OpaquePointer) -> OpaquePointer
  ) -> [(OpaquePointer, OpaquePointer)] {
    var found: [(OpaquePointer, OpaquePointer)] = []
    guard let iterator = cmark_iter_new(root) else { return found }
    defer { cmark_iter_free(iterator) }
    var depth = 0
    var skipping: OpaquePointer?
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard let node = cmark_iter_get_node(iterator),
        kinds.contains(cmark_node_get_type(node).rawValue)
      else { continue }
      if event == CMARK_EVENT_EXIT {
        depth -= 1
        if node == skipping { skipping = nil }
        continue
      }
      depth += 1
      if skipping == nil && depth > maxDepth {
        let host = hostOf(node)
        found.append((host, node))
        if host == node {
          skipping = node
        } else {
          // The host was entered earlier; skip to its exit, whose depth is counted only
          // when it is one of `kinds`.
          skipping = host
        }
      }
    }
    return found
  }

  /// The nodes of `kinds` in `node`'s subtree, in document order, without looking inside them.
  private func descendants(of node: OpaquePointer, matching kinds: Set<UInt32>) -> [OpaquePointer] {
    var result: [OpaquePointer] = []
    guard let iterator = cmark_iter_new(node) else { return result }
    defer { cmark_iter_free(iterator) }
    var inside: OpaquePointer?
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard let current = cmark_iter_get_node(iterator), current != node else { continue }
      if let open = inside {
        if event == CMARK_EVENT_EXIT && current == open { inside = nil }
        continue
      }
      if event == CMARK_EVENT_ENTER && kinds.contains(cmark_node_get_type(current).rawValue) {
        result.append(current)
        // Containers among the kinds (paragraphs, headings) get an exit event; leaves do not.
        if cmark_node_first_child(current) != nil { inside = current }
      }
    }
    return result
  }

  private func makeCustom(_ type: cmark_node_type, enter: String, exit: String) -> OpaquePointer {
    let node = cmark_node_new(type)!
    cmark_node_set_on_enter(node, cString(enter))
    cmark_node_set_on_exit(node, cString(exit))
    return node
  }

  private func swapIn(_ replacement: OpaquePointer, for node: MarkdownNode) {
    cmark_node_replace(node.pointer, replacement)
    cmark_node_free(node.pointer)
  }
}

/// `text` as cmark can take it: cmark reads C strings, which end at the first NUL, so a NUL
/// in a value would cut off everything after it. It becomes U+2400 (`␀`), as it shows.
private func cString(_ text: String) -> String {
  guard text.utf8.contains(0) else { return text }
  var scalars = String.UnicodeScalarView()
  for scalar in text.unicodeScalars { scalars.append(scalar == "\u{0}" ? "\u{2400}" : scalar) }
  return String(scalars)
}

/// Where ``MarkdownDocument/flattenNesting(deeperThan:)`` flattened a region.
public struct FlattenedNesting: Sendable, Equatable {
  /// The 1-based line of the first node that nested too deep (for emphasis and links, which
  /// cmark does not locate, the line of the block holding them).
  public var line: Int
  /// The 1-based byte column of that node (1 for emphasis and links).
  public var column: Int
  /// Whether emphasis, links or images nested too deep, rather than block quotes or lists.
  public var isInline: Bool

  init(at node: MarkdownNode, isInline: Bool) {
    var located: MarkdownNode? = node
    while let current = located, current.startLine == 0 { located = current.parent }
    line = max(located?.startLine ?? 1, 1)
    column = isInline ? 1 : max(located?.startColumn ?? 1, 1)
    self.isInline = isInline
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
