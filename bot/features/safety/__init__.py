"""The safety feature."""
