"""Typer command line. Textual is imported only by the command that opens the desk."""
