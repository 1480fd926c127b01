"""forum.core has no tables of its own; roles are Django auth groups (see roles.py)."""
