"""Importing members from a CSV file: read, preview per-row errors and counts, then apply."""
