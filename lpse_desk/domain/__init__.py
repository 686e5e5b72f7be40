"""Pure-Python domain layer: no textual, sqlmodel or reportlab may be imported here."""
