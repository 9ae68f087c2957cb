"""Brazilian phone numbers through `phonenumbers`: accept any common typing, store E.164."""

from __future__ import annotations

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

_ACCEPTED_TYPES = {
    PhoneNumberType.MOBILE,
    PhoneNumberType.FIXED_LINE,
    PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


def normalize_phone(text: str) -> str | None:
    """`(11) 91234-5678`, `011 91234 5678`, `+55 11 91234-5678` → `+5511912345678`.

    None when the text is not a valid Brazilian mobile or landline number.
    """
    text = (text or "").strip()
    if not text:
        return None
    try:
        number = phonenumbers.parse(text, "BR")
    except NumberParseException:
        return None
    if phonenumbers.region_code_for_number(number) != "BR":
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    if phonenumbers.number_type(number) not in _ACCEPTED_TYPES:
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def _parse(e164: str):
    try:
        return phonenumbers.parse(e164, "BR")
    except NumberParseException:
        return None


def format_phone(e164: str) -> str:
    """`+5511912345678` → `+55 (11) 91234-5678` (what Home shows)."""
    number = _parse(e164)
    if number is None:
        return e164
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return f"+{number.country_code} {national}"


def format_phone_national(e164: str) -> str:
    """`+5511987654321` → `(11) 98765-4321` (the `{{telefone}}` variable)."""
    number = _parse(e164)
    if number is None:
        return e164
    return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
