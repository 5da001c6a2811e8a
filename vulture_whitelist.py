"""Names vulture (`make test`, 80% confidence) reports that are used implicitly.

Each name below is read here, so vulture counts it as used. At 80% vulture only
reports unused imports, variables, arguments and unreachable code; Django's
implicit uses (views named in urls, admin classes and attributes, ``Meta``,
signal receivers, app configs, commands) are 60% reports and are not checked.
"""

# pytest fixtures requested by name for their effect, not their value.
django_db_setup
transactional_db
small_limits
database_backend
officer
elsewhere

# Arguments a framework passes and the signature must accept.
original_response  # django-axes' lockout response callable
app_configs  # Django's system-check functions
