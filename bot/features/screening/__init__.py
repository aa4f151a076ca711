"""The screening feature."""
