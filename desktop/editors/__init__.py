"""Editors for criteria, projects, sources, scenarios and the assessment's details."""
