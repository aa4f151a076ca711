"""One folder per feature: its handlers, its texts, its own rules if any."""
