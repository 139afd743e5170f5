"""Ingest: parse sources, load curated extractions, build and validate the graph."""
