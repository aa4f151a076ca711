"""The refills feature."""
