// Notebook module.
