"""The corpus: schema, loading with line-accurate errors, and chunking."""
