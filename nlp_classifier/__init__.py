"""nlp_classifier package."""
