"""The desk ticket's send status: only a ticket osTicket would accept is "siap dikirim"."""

from __future__ import annotations

from datetime import datetime

import pytest

from lpse_desk.domain.clock import WIB
from lpse_desk.domain.intake import ticket_blocker, ticket_status


@pytest.mark.parametrize(
    ("message", "email", "status"),
    [
        ("isi", "a@tirta.co.id", "siap dikirim"),
        ("isi", None, "tidak dapat dikirim: email penyedia kosong"),
        ("isi", "   ", "tidak dapat dikirim: email penyedia kosong"),
        (
            "isi",
            "a@tirta",
            "tidak dapat dikirim: email penyedia tidak sah (Domain email 'tirta' "
            "harus berisi titik (contoh: gmail.com))",
        ),
        ("", None, "masih penerimaan"),
        ("  ", "a@tirta.co.id", "masih penerimaan"),
    ],
)
def test_an_unsent_ticket_is_ready_only_with_a_message_and_a_valid_email(message, email, status):
    assert ticket_status(sent_at=None, external_ref=None, message=message, email=email) == status
    blocker = ticket_blocker(message=message, email=email)
    assert blocker == (None if status == "siap dikirim" else status)


def test_a_sent_ticket_says_when_and_under_which_number_whatever_the_email():
    at = datetime(2026, 6, 3, 10, 15, tzinfo=WIB)
    status = ticket_status(sent_at=at, external_ref="OST-1", message="isi", email=None)
    assert status == "terkirim 2026-06-03 10:15 (OST-1)"
