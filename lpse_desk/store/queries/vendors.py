"""Vendors: create, change and find. A returning vendor is found by NPWP, never duplicated.

Finding a vendor as the officer types must stay fast with 100,000 of them, so nothing scans
the table. Each row carries derived search keys (``search_keys``): the name's words folded
(case, accents), legal-form words moved to the end, and the same words rotated so each of the
first six starts a key. "pak" then finds "PT Sinar Pakuan" by an index range on
``name_key_2``, and the other typed words are checked on the same index entry. The ranges are
``>=``/``<`` comparisons on SQLite; elsewhere ``LIKE 'prefix%'`` (PostgreSQL indexes it with
``varchar_pattern_ops``), which is correct under any collation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import Session, select

from lpse_desk.domain.actors import Who, actor_of
from lpse_desk.domain.entities import LegalForm, Vendor
from lpse_desk.domain.errors import Conflict, found
from lpse_desk.domain.privacy import mask_npwp
from lpse_desk.domain.vendors import (
    FIELD_LABELS,
    LEGAL_WORDS,
    VERIFIED_FIELDS,
    CleanVendor,
    logged_value,
    npwp_neighbours,
    require_verified_change,
    same_name,
    search_words,
)
from lpse_desk.store import convert
from lpse_desk.store.queries import events
from lpse_desk.store.queries import staff as staff_store
from lpse_desk.store.tables.vendors import VendorRow

NAME_KEYS = 6
"""Rotations kept per name: a word after the sixth is found only with an earlier one."""

KEY_LENGTH = 250

_FORM_WORDS = {LegalForm.PT: "pt", LegalForm.CV: "cv", LegalForm.KOPERASI: "koperasi"}

_NUMBER_SEPARATORS = " \u00a0.-"
_TOP = "\U0010ffff"
"""Sorts after every character, closing an index range: [prefix, prefix + _TOP)."""


# --- search keys ---------------------------------------------------------------------------


def _key_words(name: str, legal_form: str) -> list[str]:
    words = search_words(name)
    distinct = [w for w in words if w not in LEGAL_WORDS]
    legal = [w for w in words if w in LEGAL_WORDS]
    form_word = _FORM_WORDS.get(legal_form)
    if form_word and form_word not in legal:
        legal.append(form_word)
    return distinct + list(dict.fromkeys(legal))


def user_id_key(user_id: str | None) -> str | None:
    """An SPSE user ID as compared: stripped and case-folded."""
    key = (user_id or "").strip().casefold()
    return key[:100] or None


def search_keys(*, name: str, legal_form: str, spse_user_id: str | None) -> dict[str, str | None]:
    """The derived search columns of a vendor row, by column name."""
    words = _key_words(name, legal_form)
    keys: dict[str, str | None] = {}
    for index in range(NAME_KEYS):
        rotated = words[index:] + words[:index] if index < len(words) else []
        keys[f"name_key_{index + 1}"] = " ".join(rotated)[:KEY_LENGTH] or None
    keys["user_id_key"] = user_id_key(spse_user_id)
    return keys


# --- search --------------------------------------------------------------------------------


def _name_key(index: int):
    return getattr(VendorRow, f"name_key_{index}")


def _prefix(column, prefix: str, dialect: str) -> ColumnElement[bool]:
    if dialect == "sqlite":
        # Binary comparison: the range holds exactly the keys that start with ``prefix``.
        return and_(column >= prefix, column < prefix + _TOP)
    return column.startswith(prefix, autoescape=True)


def _has_word(column, word: str) -> ColumnElement[bool]:
    """Some word of the key starts with ``word`` (checked on the index entry itself)."""
    return or_(
        column.startswith(word, autoescape=True), column.contains(f" {word}", autoescape=True)
    )


def _digits_prefix(column, digits: str) -> ColumnElement[bool]:
    """Digit strings starting with ``digits``: a btree range under any collation."""
    stripped = digits.rstrip("9")
    if not stripped:
        return column >= digits
    upper = stripped[:-1] + str(int(stripped[-1]) + 1)
    return and_(column >= digits, column < upper)


def _number_queries(digits: str) -> tuple[list, list]:
    """(exact, prefix) tiers of (condition, order) for a typed number, best first."""
    count = len(digits)
    exact, prefix = [], []
    if count in (15, 16):
        # A 15-digit (legacy) NPWP is stored in its 16-digit form, "0" + 15.
        exact.append((VendorRow.npwp == digits.rjust(16, "0"), VendorRow.id))
    if count == 13:
        exact.append((VendorRow.nib == digits, VendorRow.id))
    # Still typing a number: an NPWP (either form) or a NIB beginning with it. One query
    # each: ORed under ORDER BY, SQLite prefers walking a whole index in order.
    if 4 <= count < 16:
        prefix.append((_digits_prefix(VendorRow.npwp, digits), VendorRow.npwp))
    if 4 <= count < 15:
        prefix.append((_digits_prefix(VendorRow.npwp, "0" + digits), VendorRow.npwp))
    if 4 <= count < 13:
        prefix.append((_digits_prefix(VendorRow.nib, digits), VendorRow.nib))
    return exact, prefix


def _text_queries(text: str, dialect: str) -> Iterator[tuple[ColumnElement[bool], object]]:
    """(condition, order) per tier for a user ID or words of a name, best tier first."""
    user = user_id_key(text) if len(text.split()) == 1 else None
    if user:
        yield VendorRow.user_id_key == user, VendorRow.id
    words = search_words(text)
    if not words:
        return
    distinct = [w for w in words if w not in LEGAL_WORDS]
    legal = [w for w in words if w in LEGAL_WORDS]
    if not distinct:  # only "PT" or "koperasi" typed: those are the words to find
        distinct, legal = legal, []
    phrase = " ".join(distinct)

    def phrase_at(index: int) -> tuple[ColumnElement[bool], object]:
        key = _name_key(index)
        return and_(_prefix(key, phrase, dialect), *(_has_word(key, w) for w in legal)), key

    yield phrase_at(1)  # the name starts with what was typed
    if user:
        yield _prefix(VendorRow.user_id_key, user, dialect), VendorRow.user_id_key
    for index in range(2, NAME_KEYS + 1):
        yield phrase_at(index)
    if len(distinct) > 1:
        # Words in any order: the longest word finds the candidates in the index, the
        # others must start some word of the same key.
        driver = max(distinct, key=len)
        others = list(distinct)
        others.remove(driver)
        for index in range(1, NAME_KEYS + 1):
            key = _name_key(index)
            checks = (_has_word(key, w) for w in [*others, *legal])
            yield and_(_prefix(key, driver, dialect), *checks), key


def search_ids(*, session: Session, text: str, limit: int = 20) -> list[int]:
    """Ids of the vendors matching ``text``, best first, at most ``limit``.

    A number (separators allowed) is looked up as an NPWP or NIB: exactly when complete,
    by its start while being typed; only when none matches is it looked for in names.
    Otherwise, in this order: the exact user ID; names starting with the typed words;
    user IDs starting with the text; names with the words in order from a later word
    (earlier word first); names with the words in any order. Alphabetical within a tier.
    """
    text = text.strip()
    if not text or limit <= 0:
        return []
    dialect = session.get_bind().dialect.name
    found: dict[int, None] = {}

    def collect(queries: Iterable[tuple[ColumnElement[bool], object]]) -> bool:
        for condition, order in queries:
            statement = select(VendorRow.id).where(condition).order_by(order).limit(limit)
            for vendor_id in session.exec(statement):
                found.setdefault(vendor_id)
                if len(found) >= limit:
                    return True
        return False

    digits = text
    for separator in _NUMBER_SEPARATORS:
        digits = digits.replace(separator, "")
    if digits.isascii() and digits.isdigit():
        exact, prefix = _number_queries(digits)
        # A complete NPWP or NIB that matched needs nothing else; a number that matched
        # the start of one is not also looked for in names.
        if collect(exact) or found or collect(prefix) or found:
            return list(found)
    collect(_text_queries(text, dialect))
    return list(found)


def search(*, session: Session, text: str, limit: int = 20) -> list[Vendor]:
    """Vendors matching what the officer typed (NPWP, NIB, SPSE user ID or name), best first."""
    ids = search_ids(session=session, text=text, limit=limit)
    if not ids:
        return []
    rows = {row.id: row for row in session.exec(select(VendorRow).where(VendorRow.id.in_(ids)))}
    return [convert.vendor(rows[vendor_id]) for vendor_id in ids if vendor_id in rows]


# --- lookups -------------------------------------------------------------------------------


def get(*, session: Session, vendor_id: int) -> Vendor | None:
    """A vendor by id."""
    row = session.get(VendorRow, vendor_id)
    return convert.vendor(row) if row else None


def by_npwp(*, session: Session, npwp: str) -> Vendor | None:
    """The vendor with this normalised (16-digit) NPWP, if any."""
    row = session.exec(select(VendorRow).where(VendorRow.npwp == npwp)).first()
    return convert.vendor(row) if row else None


def by_nib(*, session: Session, nib: str) -> list[Vendor]:
    """Vendors with this 13-digit NIB (one, unless the data holds a mistake), by id."""
    rows = session.exec(select(VendorRow).where(VendorRow.nib == nib).order_by(VendorRow.id))
    return [convert.vendor(row) for row in rows]


def by_user_id(*, session: Session, user_id: str, besides: int | None = None) -> Vendor | None:
    """The vendor with this SPSE user ID, compared without regard to case (not ``besides``)."""
    key = user_id_key(user_id)
    if key is None:
        return None
    statement = select(VendorRow).where(VendorRow.user_id_key == key, VendorRow.id != besides)
    statement = statement.order_by(VendorRow.id)
    row = session.exec(statement).first()
    return convert.vendor(row) if row else None


# --- changes -------------------------------------------------------------------------------


def _taken(session: Session, vendor: CleanVendor, current: VendorRow | None) -> None:
    """Conflict naming the other vendor that holds this NPWP, NIB or SPSE user ID.

    Each identifies one vendor. A NIB or user ID left as it was is not checked again, so a
    duplicate stored before this rule does not block correcting other fields.
    """
    own = current.id if current is not None else None

    def held(owner: Vendor | None, what: str) -> None:
        if owner is not None and owner.id != own:
            raise Conflict(
                f"{what} sudah terdaftar atas nama '{owner.name}' (#{owner.id}); "
                "cari dan pilih penyedia itu"
            )

    if vendor.npwp:
        held(by_npwp(session=session, npwp=vendor.npwp), "NPWP ini")
    if vendor.nib and (current is None or current.nib != vendor.nib):
        others = [v for v in by_nib(session=session, nib=vendor.nib) if v.id != own]
        held(others[0] if others else None, f"NIB {vendor.nib}")
    key = user_id_key(vendor.spse_user_id)
    if key and (current is None or current.user_id_key != key):
        owner = by_user_id(session=session, user_id=key, besides=own)
        held(owner, f"User ID SPSE '{vendor.spse_user_id}'")


def refuse(
    *, session: Session, vendor: CleanVendor, vendor_id: int | None, who: Who | None = None
) -> VendorRow | None:
    """Every refusal before a vendor is saved; returns the stored row (None for a new one).

    NotFound for an unknown id; with ``who``, PermissionDenied when the acting account as
    stored now may not change the verified fields (name, NPWP, email) that changed;
    Conflict when the NPWP, NIB or SPSE user ID belongs to another vendor.
    """
    row = None
    if vendor_id is not None:
        row = found(session.get(VendorRow, vendor_id), f"Penyedia #{vendor_id} tidak ditemukan")
    if row is not None and who is not None:
        # Recording a value that was never there (an email the vendor gives now) is not a
        # change of verified data; replacing or removing one is.
        changed = [
            f for f in VERIFIED_FIELDS if getattr(row, f) and getattr(row, f) != getattr(vendor, f)
        ]
        if changed:
            require_verified_change(staff_store.current(session=session, who=who), changed)
    _taken(session, vendor, row)
    return row


def near_npwp(*, session: Session, vendor: CleanVendor, vendor_id: int | None) -> list[str]:
    """Warnings for another vendor of the same name whose NPWP is one digit off this one.

    Likely the same vendor with a mistyped NPWP (here or in the older record).
    """
    if not vendor.npwp:
        return []
    statement = select(VendorRow).where(
        VendorRow.npwp.in_(npwp_neighbours(vendor.npwp)), VendorRow.id != vendor_id
    )
    return [
        f"NPWP {mask_npwp(row.npwp)} milik '{row.name}' (#{row.id}) hanya beda satu digit "
        "dengan nama yang sama: pastikan bukan penyedia yang sama dengan NPWP salah ketik"
        for row in session.exec(statement.order_by(VendorRow.id))
        if same_name(row.name, vendor.name)
    ]


def _values(vendor: CleanVendor) -> dict[str, str | None]:
    values = {field: getattr(vendor, field) for field in FIELD_LABELS}
    values["legal_form"] = vendor.legal_form.value
    return values


def _set_search_keys(row: VendorRow) -> None:
    keys = search_keys(name=row.name, legal_form=row.legal_form, spse_user_id=row.spse_user_id)
    for column, key in keys.items():
        setattr(row, column, key)


def create(*, session: Session, vendor: CleanVendor, actor: str, now: datetime) -> Vendor:
    """Insert a validated vendor; Conflict if its NPWP, NIB or user ID is already registered."""
    refuse(session=session, vendor=vendor, vendor_id=None)
    row = VendorRow(**_values(vendor), created_at=now, updated_at=now)
    _set_search_keys(row)
    events.saved(
        row, session=session, entity="vendor", at=now, actor=actor, action="penyedia_didaftarkan"
    )
    return convert.vendor(row)


def update(
    *, session: Session, vendor_id: int, vendor: CleanVendor, actor: str, now: datetime
) -> Vendor:
    """Change a vendor; each changed field is logged with its old and new value.

    The applying step of an approved UBAH request, and of ``correct``: no role check here.
    NotFound for an unknown id; Conflict when the NPWP, NIB or user ID belongs to another
    vendor. Nothing is written when nothing changed.
    """
    row = refuse(session=session, vendor=vendor, vendor_id=vendor_id)
    changed = [
        (field, getattr(row, field), new)
        for field, new in _values(vendor).items()
        if getattr(row, field) != new
    ]
    if not changed:
        return convert.vendor(row)
    for field, _old, new in changed:
        setattr(row, field, new)
    row.updated_at = now
    _set_search_keys(row)
    session.add(row)
    session.flush()
    for field, old, new in changed:
        events.record(
            session=session,
            at=now,
            actor=actor,
            entity="vendor",
            entity_id=vendor_id,
            action="penyedia_diubah",
            reason=f"{FIELD_LABELS[field]}: {logged_value(field, old)} → {logged_value(field, new)}",
        )
    return convert.vendor(row)


def correct(
    *, session: Session, who: Who, vendor_id: int, vendor: CleanVendor, now: datetime
) -> Vendor:
    """A correction from the desk: ``update`` once the acting account may make it.

    The name, NPWP and email are what the UBAH service verifies: only an admin (as stored
    now) changes them here; anyone else is refused with PermissionDenied naming them.
    """
    refuse(session=session, vendor=vendor, vendor_id=vendor_id, who=who)
    return update(session=session, vendor_id=vendor_id, vendor=vendor, actor=actor_of(who), now=now)
