"""Server: the Flask SPARQL endpoint and linked-data pages."""
