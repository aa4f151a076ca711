"""The milestones feature."""
