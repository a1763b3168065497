"""Tools for pack authors: validation reports, lint (with its interval analysis), pack unit tests,
JSON Schemas and the scaffold of a new pack.
"""
