"""The domain and its arithmetic: model, factor kinds, expressions, the scoring engine, AHP,
constraints, errors and estimative words.  Pure: imports nothing above it (no YAML, no files,
no rich).
"""
