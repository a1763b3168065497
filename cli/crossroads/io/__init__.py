"""Files in and out: YAML with positions, loading packs and scenarios, serialising them back,
finding shipped packs by id, and atomic file writes.  Builds on ``core`` only.
"""
