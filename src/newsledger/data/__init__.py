"""Packaged data files: defaults, lexicons and rules (each folder has a README)."""
