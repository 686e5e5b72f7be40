"""The Textual desk. The only package that imports textual."""
