"""Display and input formats, the same whatever language the user chose.

``FORMAT_MODULE_PATH`` points here: English pages still show and read
05/12/2026 and "1,5", so a browser or a language switch never changes how a
date or a number is typed or shown.
"""
