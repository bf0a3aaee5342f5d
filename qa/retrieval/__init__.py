"""Question -> hits: embeddings, keyword index, hybrid fusion, filters from the question."""
