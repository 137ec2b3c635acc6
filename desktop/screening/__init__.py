"""Screening: counterparties against sanctions lists, territory rules, the analyst's decisions."""
