"""Answering one message: scope and cleaning, follow-ups, retrieval and ranking, composing, the pipeline."""
