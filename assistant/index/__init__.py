"""The index: the Chroma store and its manifest, ingest, the embedding model, the knowledge base in memory."""
