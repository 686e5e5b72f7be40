"""The tick box of a form: Space ticks it, Enter moves on as in the form's text fields.

Textual's ``Checkbox`` ticks on Enter too: an officer going down the new-vendor form with
Enter ("Enter isian berikutnya") unticked "Sudah mendaftar online di SPSE?" on the way, and
the save was then refused for a vendor who had registered.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Checkbox


class FormCheckbox(Checkbox):
    """``Checkbox`` whose Enter goes to the next field instead of ticking."""

    BINDINGS = [
        Binding("space", "toggle_button", "Centang / lepas", show=False),
        Binding("enter", "app.focus_next", "Isian berikutnya", show=False),
    ]
