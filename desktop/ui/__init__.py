"""Shared look and safe text: one style/theme module and one text module for every room."""
