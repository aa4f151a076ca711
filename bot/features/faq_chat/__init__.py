"""The faq chat feature."""
