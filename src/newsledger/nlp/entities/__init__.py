"""Entities: repair of the model's systematic NER errors, and in-document name resolution."""
