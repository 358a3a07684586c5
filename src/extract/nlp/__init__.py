"""NLP: one spaCy pipeline (the model plus the project's components) over batches of documents."""
