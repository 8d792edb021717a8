import Foundation
import SwiftParser
import SwiftSyntax
import Testing

@testable import Evaluator

/// Issue 5: every public API of DLCore and Charts is callable from cells with the same names and
/// labels as in Swift, so a cell that runs in nbrun also compiles as Swift against those
/// libraries. This reads the libraries' sources with SwiftParser, lists each public declaration
/// with its argument labels, which arguments have defaults and whether it throws, and checks
/// both ways against the cell bindings (`Session().builtins`):
/// - forward: each declaration has a binding with Swift's labels, required count and `throws`;
/// - reverse: each overload cells accept on a library type or function exists in Swift with
///   those labels (so a cell that runs also compiles).
@Suite struct PublicAPITests {
  static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
  /// The libraries cells see: `import DLCore`, `import Charts`, `import DLCharts`.
  static let api = Result {
    try PublicAPI.read(modules: ["DLCore", "Charts", "DLCharts"], under: sources)
  }

  /// What cells must not reach, each with its reason. Every entry is a place where a cell and
  /// Swift differ, so the list stays short. An entry names a declaration as the problem lines do
  /// (`Type`, `Type.member`, `function(labels:)`); it covers the type's members too.
  static let excluded: [String: String] = [
    "TensorBudget":
      "host-only: the session sets the memory and time limits; a cell must not lift them",
    "setBLASThreadCount(_:)": "host-only: a process-wide BLAS setting, not a notebook's",
    "RandomGenerator.next()":
      "returns UInt64, which the cell language does not have (nextInt(below:) and nextUniform() do the job)",
    "LayerBuilder":
      "result builders are not in the cell language; `Sequential { ... }` is a located 'not supported in cells' error",
    "Sequential(_:) [builder]": "the result-builder form of LayerBuilder, as above",
    "TensorError":
      "a library error surfaces as the cell's located error; cells cannot match error cases in `catch`",
    "ChartError": "as TensorError",
  ]

  /// nbrun's own names, which cells have and Swift programs get from a small prelude.
  static let cellOnly: Set<String> = ["Math", "Table"]

  @Test func everyPublicDeclarationIsBoundWithSwiftsLabels() throws {
    let api = try Self.api.get()
    #expect(
      api.declarations.count > 300,
      "the reader found too little to be trusted: \(api.declarations.count)")
    let problems = PublicAPI.check(api, against: Session().builtins, excluding: Self.excluded)
    #expect(
      problems.isEmpty,
      Comment(rawValue: "\(problems.count) problems:\n" + problems.joined(separator: "\n")))
  }

  @Test func everyLibraryOverloadCellsAcceptExistsInSwift() throws {
    let api = try Self.api.get()
    let problems = PublicAPI.reverseCheck(
      api, against: Session().builtins, cellOnly: Self.cellOnly)
    #expect(
      problems.isEmpty,
      Comment(rawValue: "\(problems.count) problems:\n" + problems.joined(separator: "\n")))
  }

  /// An exclusion names a public declaration that cells indeed cannot reach (once bound, it
  /// leaves the list).
  @Test func everyExclusionStillNamesAPublicDeclarationCellsLack() throws {
    let api = try Self.api.get()
    let b = Session().builtins
    for key in Self.excluded.keys {
      #expect(api.declarations.contains { PublicAPI.isExcluded($0, by: [key: ""]) }, "\(key)")
      let name = String(key.prefix { $0 != "(" && $0 != " " })
      let parts = name.split(separator: ".").map(String.init)
      if parts.count == 2 {
        #expect(b.natives[parts[0]]?.methods[parts[1]] == nil, "\(key) is bound")
      } else if key.contains("(") {
        #expect(b.functions[name] == nil || key.hasSuffix("[builder]"), "\(key) is bound")
      } else {
        #expect(b.natives[name] == nil, "\(key) is bound")
      }
    }
  }

  /// The checker itself: a missing `try`, a missing label and a cell-only overload are found.
  @Test func checkerFindsEachKindOfDifference() throws {
    let source = """
      public final class Widget {
        public init(size: Int) throws {}
        public func spin(times: Int = 1) {}
        public func paint(color: Int = 0, _ area: Int) {}
        public var speed = 1.0
      }
      public func tune(_ x: Int...) {}
      """
    let api = try PublicAPI.read(source: source, file: "Widget.swift")
    let b = Builtins()
    b.bind("Widget", Int.self) { t in
      t.initializer(["size"], throws: false) { _ in 0 }
      t.initializer(["size", "color"], required: 1) { _ in 0 }
      t.method("spin", ["times"], required: 0, throws: false) { _, _ in () }
      t.method("paint", ["color", nil], required: 2, throws: false) { _, _ in () }
      t.property("speed") { _ in 1.0 }
    }
    let forward = PublicAPI.check(api, against: b, excluding: [:])
    #expect(forward.contains { $0.contains("Widget(size:): Swift needs 'try' here; cells do not") })
    #expect(forward.contains { $0.contains("Widget.speed: 'speed' cannot be assigned in cells") })
    #expect(forward.contains { $0.contains("tune(_:): no cell function 'tune'") })
    #expect(!forward.contains { $0.contains("spin") })
    #expect(
      forward.contains {
        $0.hasSuffix(
          "Widget.paint(color:_:): cells cannot leave out what Swift can: no binding takes (_:)")
      })
    let reverse = PublicAPI.reverseCheck(api, against: b, cellOnly: [])
    #expect(reverse == ["Widget(size:color:): cells accept it; Swift has no such overload"])
  }
}

/// One public declaration of a library, as Swift callers see it.
struct PublicDeclaration: CustomStringConvertible {
  enum Kind: String {
    case type, initializer, method, staticMethod, property, staticProperty, function, enumCase,
      `operator`, prefixOperator, `subscript`
  }
  var kind: Kind
  /// The type the member belongs to (`nil` for a global function).
  var owner: String?
  var name: String
  var labels: [String?] = []
  /// Whether each parameter has a default value.
  var defaults: [Bool] = []
  var required = 0
  var variadic = false
  var throwing = false
  /// `rethrows`: Swift needs `try` only when the closure argument throws.
  var rethrowing = false
  /// Whether it takes a `@resultBuilder` closure.
  var builder = false
  var settable = false
  /// `File.swift:LINE`.
  var place: String

  var signature: String {
    let args = labels.map { ($0 ?? "_") + ":" }.joined()
    switch kind {
    case .initializer: return "\(owner ?? "")(\(args))"
    case .method, .function, .staticMethod:
      return (owner.map { $0 + "." } ?? "") + "\(name)(\(args))"
    default: return (owner.map { $0 + "." } ?? "") + name
    }
  }

  var description: String { "\(place): \(kind.rawValue) \(signature)" }
}

/// One way cells accept a call: labels, how many are required, `throws`, variadic.
typealias CellOverload = (labels: [String?], required: Int, throwing: Bool, variadic: Bool)

/// The public declarations of library modules, read from their sources.
struct PublicAPI {
  var declarations: [PublicDeclaration] = []
  /// Public protocols, with the public members their extensions add to every conforming type.
  var protocolExtensions: [String: [PublicDeclaration]] = [:]
  var protocols: Set<String> = []
  /// Each type's and protocol's inheritance clause (superclass, protocols).
  var inherits: [String: [String]] = [:]
  /// Every protocol the sources declare (public or not), found before the declarations.
  var protocolNames: Set<String> = []

  static func read(modules: [String], under sources: URL) throws -> PublicAPI {
    var api = PublicAPI()
    var texts: [(String, String)] = []
    for module in modules {
      let root = sources.appendingPathComponent(module)
      let files =
        FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String }
        .filter { $0.hasSuffix(".swift") }.sorted() ?? []
      for file in files {
        let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        texts.append((text, (file as NSString).lastPathComponent))
      }
    }
    // protocols first, so an extension of a protocol declared in a later file is known as one
    api.protocolNames = Set(
      texts.flatMap { text, _ in
        Parser.parse(source: text).statements.compactMap {
          $0.item.as(ProtocolDeclSyntax.self)?.name.text
        }
      })
    for (text, file) in texts { api.add(source: text, file: file) }
    return api
  }

  static func read(source: String, file: String) throws -> PublicAPI {
    var api = PublicAPI()
    api.protocolNames = Set(
      Parser.parse(source: source).statements.compactMap {
        $0.item.as(ProtocolDeclSyntax.self)?.name.text
      })
    api.add(source: source, file: file)
    return api
  }

  private mutating func add(source: String, file: String) {
    let tree = Parser.parse(source: source)
    let reader = DeclarationReader(
      file: file, converter: SourceLocationConverter(fileName: file, tree: tree))
    reader.protocolNames = protocolNames
    reader.walk(tree)
    declarations += reader.found.filter { !$0.isProtocolExtension }.map(\.declaration)
    for item in reader.found where item.isProtocolExtension {
      protocolExtensions[item.declaration.owner ?? "", default: []].append(item.declaration)
    }
    protocols.formUnion(reader.protocols)
    inherits.merge(reader.inherits) { a, b in a + b }
  }

  /// Every type and protocol `type` inherits from or conforms to, directly or not.
  func ancestors(of type: String) -> Set<String> {
    var found: Set<String> = []
    var frontier = [type]
    while let next = frontier.popLast() {
      for parent in inherits[next] ?? [] where found.insert(parent).inserted {
        frontier.append(parent)
      }
    }
    return found
  }

  /// The public classes that inherit from `base`, directly or not, sorted.
  func subclasses(of base: String) -> [String] {
    inherits.keys.filter { !protocols.contains($0) && ancestors(of: $0).contains(base) }.sorted()
  }

  static func isExcluded(_ d: PublicDeclaration, by excluded: [String: String]) -> Bool {
    if d.builder { return excluded["\(d.signature) [builder]"] != nil }
    let type = d.kind == .type ? d.name : d.owner
    if let type, excluded[type] != nil || excluded[String(type.prefix { $0 != "." })] != nil {
      return true
    }
    return excluded[d.signature] != nil
  }

  /// What is missing from the bindings or differs from Swift, one line each.
  static func check(_ api: PublicAPI, against b: Builtins, excluding excluded: [String: String])
    -> [String]
  {
    // Swift's `throws` per overload group: what Swift requires of a call with these labels
    var throwsByGroup: [String: [Bool?]] = [:]
    func group(_ d: PublicDeclaration) -> String { "\(d.kind) \(d.signature)" }
    for d in api.declarations where !d.builder {
      throwsByGroup[group(d), default: []].append(d.rethrowing ? nil : d.throwing)
    }
    var problems: [String] = []
    var seen: Set<String> = []
    func report(_ d: PublicDeclaration, _ suffix: String = "") {
      let throwing = throwsByGroup[group(d)] ?? [d.throwing]
      if let problem = problem(with: d, throwing: throwing, in: b) {
        let line = "\(d)\(suffix): \(problem)"
        if seen.insert(line).inserted { problems.append(line) }
      }
    }
    for d in api.declarations where !isExcluded(d, by: excluded) {
      let owner = d.kind == .type ? d.name : d.owner
      if let owner, b.natives[owner] == nil {
        // a base class that cells never name: its members must work on each bound subclass
        let subclasses = api.subclasses(of: owner).filter { b.natives[$0] != nil }
        if !subclasses.isEmpty {
          if d.kind == .type { continue }
          for sub in subclasses {
            var m = d
            m.owner = sub
            report(m, " (from class \(owner))")
          }
          continue
        }
      }
      report(d)
    }
    // a protocol extension's members must work on every bound type that conforms in Swift
    for (proto, members) in api.protocolExtensions.sorted(by: { $0.key < $1.key }) {
      let conforming = b.natives.keys.filter { api.ancestors(of: $0).contains(proto) }.sorted()
      for type in conforming {
        for var m in members {
          m.owner = type
          report(m, " (from extension \(proto))")
        }
      }
    }
    return problems
  }

  private static func problem(with d: PublicDeclaration, throwing: [Bool?], in b: Builtins)
    -> String?
  {
    if d.kind == .function {
      guard let f = b.functions[d.name] else { return "no cell function '\(d.name)'" }
      return compare(d, throwing, f.overloads.map(cellOverload))
    }
    if d.kind == .type {
      return b.natives[d.name] == nil ? "no cell type '\(d.name)'" : nil
    }
    guard let owner = d.owner, let type = b.natives[owner] else {
      return "its type '\(d.owner ?? "")' is not bound"
    }
    switch d.kind {
    case .initializer:
      return compare(d, throwing, type.initializers.map(cellOverload))
    case .method:
      guard let m = type.methods[d.name] else { return "no method '\(d.name)'" }
      return compare(
        d, throwing, m.overloads.map { ($0.labels, $0.required, $0.throwing || m.throwing, false) })
    case .staticMethod:
      guard let f = type.staticFunctions[d.name] else { return "no static method '\(d.name)'" }
      return compare(d, throwing, f.overloads.map(cellOverload))
    case .property:
      if type.properties[d.name] == nil { return "no property '\(d.name)'" }
      if d.settable && type.setters[d.name] == nil && type.valueSetters[d.name] == nil {
        return "'\(d.name)' cannot be assigned in cells"
      }
      return nil
    case .staticProperty, .enumCase:
      return type.staticValues[d.name] == nil ? "no static value '\(d.name)'" : nil
    case .operator:
      return type.binary[d.name] == nil ? "no operator '\(d.name)'" : nil
    case .prefixOperator:
      return d.name == "-" && type.prefixMinus == nil ? "no prefix '-'" : nil
    case .subscript:
      return type.subscriptGet == nil ? "no subscript" : nil
    case .type, .function:
      return nil
    }
  }

  private static func cellOverload(_ o: Overload) -> CellOverload {
    (o.labels, o.required, o.throwing, o.variadicLabels != nil)
  }

  /// `nil` when some overload takes Swift's labels and required count, and needs `try` as Swift
  /// does. `throwing` holds `throws` of every Swift overload with these labels (`nil` for
  /// `rethrows`): cells must need `try` when all of them throw, and must not when none does.
  private static func compare(
    _ d: PublicDeclaration, _ throwing: [Bool?], _ overloads: [CellOverload]
  ) -> String? {
    // a variadic binding (`Sequential(a, b)`) also takes the array form (`Sequential([a, b])`)
    let sameLabels = overloads.filter {
      $0.labels == d.labels || ($0.variadic && d.labels.first == .some(nil) && d.labels.count == 1)
    }
    guard !sameLabels.isEmpty else {
      let known = overloads.map {
        $0.variadic ? "(_:...)" : "(" + $0.labels.map { ($0 ?? "_") + ":" }.joined() + ")"
      }
      return
        "no overload with Swift's labels; cells accept \(known.sorted().joined(separator: " "))"
    }
    let sameCount = sameLabels.filter { $0.variadic || $0.required == d.required }
    guard !sameCount.isEmpty else {
      return
        "Swift requires \(d.required) argument(s); cells require \(sameLabels.map { String($0.required) }.joined(separator: "/"))"
    }
    // a call that leaves out what Swift lets it leave out must find a binding too
    if !d.variadic {
      for call in omissions(d) {
        let args = call.map { Arg(label: $0, value: .void) }
        let accepted = overloads.contains {
          $0.variadic
            ? call.allSatisfy { $0 == nil }
            : matchLabels($0.labels, required: $0.required, args) != nil
        }
        if !accepted {
          return
            "cells cannot leave out what Swift can: no binding takes (\(call.map { ($0 ?? "_") + ":" }.joined()))"
        }
      }
    }
    if throwing.allSatisfy({ $0 == true }) && !sameCount.contains(where: \.throwing) {
      return "Swift needs 'try' here; cells do not"
    }
    if throwing.allSatisfy({ $0 == false }) && sameCount.allSatisfy(\.throwing) {
      return "cells need 'try' here; Swift does not"
    }
    return nil
  }

  /// The shorter calls Swift accepts: only the arguments without defaults, and each call that
  /// leaves out one argument with a default.
  static func omissions(_ d: PublicDeclaration) -> [[String?]] {
    var calls = [zip(d.labels, d.defaults).filter { !$0.1 }.map(\.0)]
    for i in d.labels.indices where d.defaults[i] {
      var call = d.labels
      call.remove(at: i)
      calls.append(call)
    }
    return calls
  }

  /// The overloads cells accept on library types and functions that Swift does not have.
  static func reverseCheck(_ api: PublicAPI, against b: Builtins, cellOnly: Set<String>)
    -> [String]
  {
    var problems: [String] = []
    let libraryTypes = Set(api.declarations.filter { $0.kind == .type }.map(\.name))
    /// The declarations a member of `type` may come from: its own, its superclasses', and the
    /// extensions of the protocols it conforms to.
    func members(of type: String) -> [PublicDeclaration] {
      let owners = api.ancestors(of: type).union([type])
      return api.declarations.filter { $0.owner.map(owners.contains) ?? false }
        + owners.flatMap { api.protocolExtensions[$0] ?? [] }
    }
    func missing(_ what: String, _ overloads: [CellOverload], in swift: [PublicDeclaration]) {
      for o in overloads where !swift.contains(where: { accepts($0, o) }) {
        let args = o.variadic ? "_:..." : o.labels.map { ($0 ?? "_") + ":" }.joined()
        problems.append("\(what)(\(args)): cells accept it; Swift has no such overload")
      }
    }
    for name in b.libraryFunctions.sorted() {
      let swift = api.declarations.filter { $0.kind == .function && $0.name == name }
      missing(name, b.functions[name]?.overloads.map(cellOverload) ?? [], in: swift)
    }
    for (name, type) in b.natives.sorted(by: { $0.key < $1.key }) where !cellOnly.contains(name) {
      guard libraryTypes.contains(name) || api.protocols.contains(name) else {
        if type.box != nil {
          problems.append("\(name): a cell type that is neither DLCore's nor Charts'")
        }
        continue
      }
      let swift = members(of: name)
      missing(
        name, type.initializers.map(cellOverload),
        in: swift.filter { $0.kind == .initializer && $0.owner == name })
      for (method, m) in type.methods.sorted(by: { $0.key < $1.key }) {
        missing(
          "\(name).\(method)", m.overloads.map { ($0.labels, $0.required, $0.throwing, false) },
          in: swift.filter { $0.kind == .method && $0.name == method })
      }
      for (method, f) in type.staticFunctions.sorted(by: { $0.key < $1.key }) {
        missing(
          "\(name).\(method)", f.overloads.map(cellOverload),
          in: swift.filter { $0.kind == .staticMethod && $0.name == method })
      }
      let properties = Set(swift.filter { $0.kind == .property }.map(\.name))
      for property in type.properties.keys.sorted() where !properties.contains(property) {
        problems.append("\(name).\(property): a cell property Swift does not have")
      }
      let settable = Set(swift.filter { $0.kind == .property && $0.settable }.map(\.name))
      for property in Set(type.setters.keys).union(type.valueSetters.keys).sorted()
      where !settable.contains(property) {
        problems.append("\(name).\(property): cells may assign it; Swift may not")
      }
      let statics = Set(
        swift.filter { [.staticProperty, .enumCase].contains($0.kind) }.map(\.name))
      for value in type.staticValues.keys.sorted() where !statics.contains(value) {
        problems.append("\(name).\(value): a cell static value Swift does not have")
      }
    }
    return problems
  }

  /// Whether every call the cell overload `o` accepts (by labels) is a call Swift accepts.
  static func accepts(_ d: PublicDeclaration, _ o: CellOverload) -> Bool {
    if o.variadic { return d.variadic || (d.labels == [nil]) }
    // each cell argument maps, in order, to a Swift parameter with the same label; Swift's
    // parameters left out must have defaults, and so must those a cell call may leave out
    var next = 0
    for (i, label) in o.labels.enumerated() {
      while next < d.labels.count && d.labels[next] != label {
        if !d.defaults[next] { return false }
        next += 1
      }
      guard next < d.labels.count else { return false }
      if i >= o.required && !d.defaults[next] { return false }
      next += 1
    }
    return d.defaults[next...].allSatisfy { $0 }
  }
}

private final class DeclarationReader: SyntaxVisitor {
  struct Item {
    var declaration: PublicDeclaration
    var isProtocolExtension: Bool
  }
  let file: String
  let converter: SourceLocationConverter
  var found: [Item] = []
  var protocols: Set<String> = []
  var inherits: [String: [String]] = [:]
  /// The enclosing type or extension: its name, whether it is public, whether it extends a protocol.
  var scopes: [(name: String, isPublic: Bool, isProtocol: Bool, isExtension: Bool)] = []
  var protocolNames: Set<String> = []

  init(file: String, converter: SourceLocationConverter) {
    self.file = file
    self.converter = converter
    super.init(viewMode: .sourceAccurate)
  }

  private func place(_ node: some SyntaxProtocol) -> String {
    "\(file):\(node.startLocation(converter: converter).line)"
  }

  private static func isPublic(_ modifiers: DeclModifierListSyntax) -> Bool {
    modifiers.contains {
      $0.name.tokenKind == .keyword(.public) || $0.name.tokenKind == .keyword(.open)
    }
  }
  private static func isStatic(_ modifiers: DeclModifierListSyntax) -> Bool {
    modifiers.contains {
      $0.name.tokenKind == .keyword(.static) || $0.name.tokenKind == .keyword(.class)
    }
  }

  /// Whether a member declared with `modifiers` is public where it stands.
  private func memberIsPublic(_ modifiers: DeclModifierListSyntax) -> Bool {
    if Self.isPublic(modifiers) { return true }
    // members of a `public extension` are public unless they say otherwise
    guard let scope = scopes.last, scope.isExtension, scope.isPublic else { return false }
    return !modifiers.contains {
      [.keyword(.private), .keyword(.fileprivate), .keyword(.internal)].contains($0.name.tokenKind)
    }
  }

  private func add(_ d: PublicDeclaration) {
    let inProtocolExtension = scopes.last.map { $0.isExtension && $0.isProtocol } ?? false
    found.append(Item(declaration: d, isProtocolExtension: inProtocolExtension))
  }

  private func openType(
    _ name: String, _ modifiers: DeclModifierListSyntax, _ node: some SyntaxProtocol
  ) {
    let isPublic = Self.isPublic(modifiers) && scopes.allSatisfy(\.isPublic)
    if isPublic {
      let owner = scopes.isEmpty ? nil : scopes.map(\.name).joined(separator: ".")
      add(
        PublicDeclaration(
          kind: .type, owner: nil, name: (owner.map { $0 + "." } ?? "") + name, place: place(node)))
    }
    scopes.append((name, isPublic, false, false))
  }

  private func inherit(_ name: String, _ clause: InheritanceClauseSyntax?) {
    let parents = clause?.inheritedTypes.map(\.type.trimmedDescription) ?? []
    if !parents.isEmpty { inherits[name, default: []] += parents }
  }

  override func visit(_ node: StructDeclSyntax) -> SyntaxVisitorContinueKind {
    inherit(node.name.text, node.inheritanceClause)
    openType(node.name.text, node.modifiers, node)
    return .visitChildren
  }
  override func visitPost(_ node: StructDeclSyntax) { scopes.removeLast() }
  override func visit(_ node: ClassDeclSyntax) -> SyntaxVisitorContinueKind {
    if let first = node.inheritanceClause?.inheritedTypes.first {
      _ = first
    }
    inherit(node.name.text, node.inheritanceClause)
    openType(node.name.text, node.modifiers, node)
    return .visitChildren
  }
  override func visitPost(_ node: ClassDeclSyntax) { scopes.removeLast() }
  override func visit(_ node: EnumDeclSyntax) -> SyntaxVisitorContinueKind {
    inherit(node.name.text, node.inheritanceClause)
    openType(node.name.text, node.modifiers, node)
    return .visitChildren
  }
  override func visitPost(_ node: EnumDeclSyntax) { scopes.removeLast() }
  override func visit(_ node: ProtocolDeclSyntax) -> SyntaxVisitorContinueKind {
    if Self.isPublic(node.modifiers) { protocols.insert(node.name.text) }
    inherit(node.name.text, node.inheritanceClause)
    // requirements are checked on the conforming types that implement them
    return .skipChildren
  }
  override func visit(_ node: ExtensionDeclSyntax) -> SyntaxVisitorContinueKind {
    let name = node.extendedType.trimmedDescription
    inherit(name, node.inheritanceClause)
    scopes.append(
      (
        name, Self.isPublic(node.modifiers),
        protocolNames.contains(name) || protocols.contains(name), true
      ))
    return .visitChildren
  }
  override func visitPost(_ node: ExtensionDeclSyntax) { scopes.removeLast() }

  private var owner: String? { scopes.isEmpty ? nil : scopes.map(\.name).joined(separator: ".") }

  /// Labels, defaults and the rest of a parameter list, filled into `d`.
  private func parameters(_ clause: FunctionParameterClauseSyntax, into d: inout PublicDeclaration)
  {
    for (i, p) in clause.parameters.enumerated() {
      d.labels.append(p.firstName.tokenKind == .wildcard ? nil : p.firstName.text)
      d.defaults.append(p.defaultValue != nil)
      if p.defaultValue == nil { d.required = i + 1 }
      if p.ellipsis != nil { d.variadic = true }
      // a custom attribute on a parameter is a result builder (`@LayerBuilder`)
      if !p.attributes.isEmpty { d.builder = true }
    }
  }

  private static func effects(_ clause: ThrowsClauseSyntax?, into d: inout PublicDeclaration) {
    guard let clause else { return }
    d.throwing = true
    d.rethrowing = clause.throwsSpecifier.tokenKind == .keyword(.rethrows)
  }

  override func visit(_ node: InitializerDeclSyntax) -> SyntaxVisitorContinueKind {
    guard memberIsPublic(node.modifiers), scopes.allSatisfy({ $0.isPublic || $0.isExtension })
    else {
      return .skipChildren
    }
    var d = PublicDeclaration(kind: .initializer, owner: owner, name: "init", place: place(node))
    parameters(node.signature.parameterClause, into: &d)
    Self.effects(node.signature.effectSpecifiers?.throwsClause, into: &d)
    add(d)
    return .skipChildren
  }

  override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind {
    guard memberIsPublic(node.modifiers) else { return .skipChildren }
    let isOperator: Bool
    if case .binaryOperator = node.name.tokenKind { isOperator = true } else { isOperator = false }
    var d = PublicDeclaration(
      kind: .function, owner: owner, name: node.name.text, place: place(node))
    parameters(node.signature.parameterClause, into: &d)
    Self.effects(node.signature.effectSpecifiers?.throwsClause, into: &d)
    if isOperator {
      d.kind =
        node.modifiers.contains { $0.name.tokenKind == .keyword(.prefix) }
        ? .prefixOperator : .operator
    } else if owner == nil {
      d.kind = .function
    } else {
      d.kind = Self.isStatic(node.modifiers) ? .staticMethod : .method
    }
    add(d)
    return .skipChildren
  }

  override func visit(_ node: VariableDeclSyntax) -> SyntaxVisitorContinueKind {
    guard memberIsPublic(node.modifiers), owner != nil else { return .skipChildren }
    let isStatic = Self.isStatic(node.modifiers)
    let privateSetter = node.modifiers.contains { $0.detail?.detail.text == "set" }
    for binding in node.bindings {
      guard let name = binding.pattern.as(IdentifierPatternSyntax.self)?.identifier.text else {
        continue
      }
      var settable = node.bindingSpecifier.tokenKind == .keyword(.var) && !privateSetter
      if let accessors = binding.accessorBlock?.accessors {
        switch accessors {
        case .getter: settable = false
        case .accessors(let list):
          settable = settable && list.contains { $0.accessorSpecifier.tokenKind == .keyword(.set) }
        }
      }
      add(
        PublicDeclaration(
          kind: isStatic ? .staticProperty : .property, owner: owner, name: name,
          settable: settable && !isStatic, place: place(node)))
    }
    return .skipChildren
  }

  override func visit(_ node: EnumCaseDeclSyntax) -> SyntaxVisitorContinueKind {
    guard let scope = scopes.last, scope.isPublic, !scope.isExtension else { return .skipChildren }
    for element in node.elements {
      add(
        PublicDeclaration(
          kind: .enumCase, owner: owner, name: element.name.text, place: place(node)))
    }
    return .skipChildren
  }

  override func visit(_ node: SubscriptDeclSyntax) -> SyntaxVisitorContinueKind {
    guard memberIsPublic(node.modifiers) else { return .skipChildren }
    add(PublicDeclaration(kind: .subscript, owner: owner, name: "subscript", place: place(node)))
    return .skipChildren
  }
}
