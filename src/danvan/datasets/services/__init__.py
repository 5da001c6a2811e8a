"""What changes reported figures: one module per part of the work.

``submissions`` opens a unit's submission (here, shared by entry, approval and
the demo); ``values`` writes values (entry, spreadsheets, the API, figures from
texts); ``approval`` submits, accepts, returns and unlocks.
"""
