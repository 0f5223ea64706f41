"""The one catalogue of user-facing text: Norwegian bokmål by default, English available.

Board members read these strings in the sheet's status column and in the admin, so every text a
person sees comes from here, by key, never from an f-string in the logic. Keeping them in one
place lets a translator (or a reviewer) see them all at once and lets tests check that every key
exists in every language.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["CATALOGUE", "LANGUAGES", "field_label", "t"]

LANGUAGES: tuple[str, ...] = ("nb", "en")

CATALOGUE: Mapping[str, Mapping[str, str]] = {
    # Row statuses (the members tab's Synkstatus column).
    "status.ok": {"nb": "OK {when}", "en": "OK {when}"},
    "status.not_member": {
        "nb": "Ikke lenger medlem i Zetkin",
        "en": "No longer a member in Zetkin",
    },
    "status.conflict": {
        "nb": "Konflikt: {fields} endret både i arket og i Zetkin",
        "en": "Conflict: {fields} changed both in the sheet and in Zetkin",
    },
    "status.review": {
        "nb": "Til gjennomgang: kan være samme person som Zetkin-ID {ids}",
        "en": "For review: may be the same person as Zetkin ID {ids}",
    },
    "status.not_created": {
        "nb": "Ikke funnet i Zetkin (oppretting er slått av)",
        "en": "Not found in Zetkin (creating people is switched off)",
    },
    "status.separator": {"nb": "; ", "en": "; "},
    # Row problems: what the board must fix.
    "problem.invalid_phone": {
        "nb": "Ugyldig telefonnummer: «{value}»",
        "en": "Invalid phone number: “{value}”",
    },
    "problem.invalid_email": {
        "nb": "Ugyldig e-postadresse: «{value}»",
        "en": "Invalid e-mail address: “{value}”",
    },
    "problem.unknown_district": {
        "nb": "Ukjent bydel: «{value}»",
        "en": "Unknown district: “{value}”",
    },
    "problem.invalid_yes_no": {
        "nb": "Skriv Ja eller Nei i «{field}», ikke «{value}»",
        "en": "Write Yes or No in “{field}”, not “{value}”",
    },
    "problem.invalid_id": {
        "nb": "Ugyldig Zetkin-ID: «{value}»",
        "en": "Invalid Zetkin ID: “{value}”",
    },
    "problem.missing_last_name": {
        "nb": "Etternavn mangler (trengs for å opprette personen i Zetkin)",
        "en": "Last name missing (needed to create the person in Zetkin)",
    },
    "problem.duplicate": {
        "nb": "Mulig duplikat av rad {row}",
        "en": "Possible duplicate of row {row}",
    },
    # Why a review candidate was suggested.
    "reason.phone": {"nb": "samme telefonnummer", "en": "same phone number"},
    "reason.email": {"nb": "samme e-postadresse", "en": "same e-mail address"},
    "reason.name_district": {
        "nb": "samme navn og bydel",
        "en": "same name and district",
    },
    # Hold reasons (the run ends "held for approval").
    "held.empty_pull": {
        "nb": "Zetkin ga ingen personer; ingenting skrives før en administrator godkjenner",
        "en": "Zetkin returned no people; nothing is written until an admin approves",
    },
    "held.partial_pull": {
        "nb": "Hentingen fra Zetkin ble avbrutt; ingenting skrives før en administrator godkjenner",
        "en": "The Zetkin pull was cut short; nothing is written until an admin approves",
    },
    "held.mass_change": {
        "nb": "Kjøringen ville endre {changed} av {total} rader (over {limit} %); "
        "venter på godkjenning",
        "en": "The run would change {changed} of {total} rows (over {limit} %); "
        "waiting for approval",
    },
    # Field labels, as used inside other messages.
    "field.first_name": {"nb": "fornavn", "en": "first name"},
    "field.last_name": {"nb": "etternavn", "en": "last name"},
    "field.phone": {"nb": "telefon", "en": "phone"},
    "field.email": {"nb": "e-post", "en": "e-mail"},
    "field.district": {"nb": "bydel", "en": "district"},
    "field.door_knock": {"nb": "Vil dørbanke", "en": "Will door-knock"},
    "field.will_call": {"nb": "Vil ringe", "en": "Will call"},
    "field.zetkin_id": {"nb": "Zetkin-ID", "en": "Zetkin ID"},
}


# The default language cannot be mutated observably: an unknown language falls back to bokmål.
def t(key: str, lang: str = "nb", **params: object) -> str:  # pragma: no mutate
    """The text for ``key`` in ``lang`` (bokmål when the language is unknown), filled in.

    An unknown key raises ``KeyError``: a missing text is a bug to catch in tests, not a blank
    status cell.
    """
    texts = CATALOGUE[key]
    template = texts.get(lang) or texts["nb"]
    return template.format(**params) if params else template


# As for t(): any other default language falls back to bokmål, so the default is not mutated.
def field_label(field: str, lang: str = "nb") -> str:  # pragma: no mutate
    """A synced field's name as a board member knows it."""
    return t(f"field.{field}", lang)
