"""What a command does, returned as data: load inputs with their warnings, score, compare,
analyse, build a briefing.  The CLI and the wizard both call these; nothing here prints.
"""
