"""The forms of the reports app."""
