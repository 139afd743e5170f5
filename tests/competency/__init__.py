"""Competency questions: SPARQL files, their expected answers, and the docs renderer."""
