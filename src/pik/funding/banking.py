"""Bank details: the IBAN checked with its checksum (ISO 13616) by python-stdnum, German errors."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from stdnum import iban as stdnum_iban
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError


def clean_iban(value: str) -> str:
    """The IBAN without spaces, upper case, checked with its checksum (ISO 13616), or a German
    ``ValidationError`` on the field ``iban``."""
    compact = stdnum_iban.compact(value or "")
    if not compact:
        raise ValidationError({"iban": "Bitte die IBAN angeben."})
    try:
        return str(stdnum_iban.validate(compact))
    except InvalidChecksum:
        # The check digits are wrong; is the rest a well-formed IBAN of its country?
        repaired = compact[:2] + stdnum_iban.calc_check_digits(compact) + compact[4:]
        wrong_digits = stdnum_iban.is_valid(repaired)
    except StdnumError:
        wrong_digits = False
    if wrong_digits:
        raise ValidationError(
            {"iban": f"Die IBAN „{value.strip()}“ ist ungültig: die Prüfziffer stimmt nicht."}
        )
    raise ValidationError(
        {
            "iban": f"Die IBAN „{value.strip()}“ ist ungültig: Länge oder Aufbau passen "
            "nicht zum Land."
        }
    )
