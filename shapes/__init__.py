"""SHACL shapes shipped as package data."""
