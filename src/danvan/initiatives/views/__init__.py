"""Pages of the "Dân vận khéo" register.

``register``: list, export, registration form with similarity hints, detail,
submission, progress, replication. ``judging``: the review queue, accepting
and returning, evaluation, commendation, publication. ``imports``: the XLSX
template, upload, preview, confirm or cancel. ``stats``: the statistics page,
its XLSX table and the search of units in force in a year.

Every object is fetched through ``visible_to`` (another unit's model is a
404); writes check the role rules of ``initiatives.rules`` (else 403).
"""
