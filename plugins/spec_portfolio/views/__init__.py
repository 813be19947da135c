"""Markdown and navigation made from the portfolio model; nothing here reads files."""
