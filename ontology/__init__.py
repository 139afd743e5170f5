"""Ontology files (Turtle, JSON-LD context) shipped as package data."""
