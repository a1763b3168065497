"""Renderers: results in, text or bytes out. Nothing here changes a result."""
