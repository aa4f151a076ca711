"""The reminders feature."""
