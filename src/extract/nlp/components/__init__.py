"""spaCy components of the pipeline, registered with spaCy's factory system on import."""
from extract.nlp.components import agreements, attribute_rules, entity_fixes, events, lemmas, lines, timex  # noqa: F401
