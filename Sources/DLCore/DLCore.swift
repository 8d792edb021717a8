// DLCore module.
