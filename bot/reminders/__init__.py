"""The nightly reminder: composing it (compose.py), and the tick that sends it (dispatcher.py)."""
