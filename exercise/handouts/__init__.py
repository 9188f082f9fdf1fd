"""Printable, self-contained HTML papers of an exercise: handbook, SimCell script, player
handout and inject cards."""
