"""Counterparty screening against sanctions lists and territory rules (no Qt)."""
