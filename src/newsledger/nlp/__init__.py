"""The NLP layer: one spaCy pipeline of registered components. No database, no network."""
