"""The decision log: SQLite storage, what a run records, reruns and diffs of recorded runs.
"""
