"""The head of unit's reports: every figure defined once (``definitions``) and computed from
the visits and events the desk records (``counter``: the counter report)."""
