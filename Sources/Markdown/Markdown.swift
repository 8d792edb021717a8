// Markdown module.
