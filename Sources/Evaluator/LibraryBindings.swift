import Foundation

/// Binds DLCore and Charts for cells (filled in as those libraries land).
func installLibraryBindings(_ builtins: Builtins) {}
