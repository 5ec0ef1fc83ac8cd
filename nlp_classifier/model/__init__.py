"""The shipped default model (model.joblib) and its metadata (model.json)."""
