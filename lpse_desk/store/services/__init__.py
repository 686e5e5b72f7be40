"""What the screens and the CLI call: one method, one transaction (``read_session`` or
``write_session``), built from ``store.queries``; ``desk.DeskStore`` composes them."""
