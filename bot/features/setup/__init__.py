"""The setup feature."""
