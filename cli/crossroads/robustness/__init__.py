"""How robust a ranking is: Monte Carlo draws, one-way ranges and break-evens, the vectorised
scorer they run on, and the summary a briefing reads.
"""
