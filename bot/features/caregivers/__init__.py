"""Caregivers: a family member a patient invites with a one-time link follows their nights."""
