"""Comparing the open assessment with another version of it (File → Compare with…)."""
