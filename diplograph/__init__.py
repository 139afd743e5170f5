"""diplograph: an open knowledge graph of diplomatic relations."""
