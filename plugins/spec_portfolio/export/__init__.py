"""Findings and the portfolio in the formats CI and tools read: text, GitHub annotations, SARIF."""
