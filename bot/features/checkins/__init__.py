"""The checkins feature."""
