"""The records feature."""
