"""Briefing renderers: one format-neutral briefing model laid out as Markdown, HTML or PDF
(typst template and shipped fonts live beside them).
"""
