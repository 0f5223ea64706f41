"""What callers type in ``Resultat`` and the answer columns, read into outcomes and yes/no.

Callers type fast, on a phone, between calls: "ikke svar!", "feil nr", "ikkje svar", "nådd ✓",
"ring senere". The translator folds case, accents (æ/ø/å against ae/oe/aa), punctuation and
symbols away, then looks the words up among the glossary words and their common variants; a
near miss of one letter (two for long phrases) is accepted when it points at one outcome only.
Anything else ("ring meg på fredag") is :class:`Unread`: the row gets a problem and a person
decides. Nothing here guesses between two outcomes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bridge.normalise import fold_name

__all__ = ["NOT_REACHED", "Outcome", "Unread", "fold_words", "read_outcome", "read_yes_no"]


class Outcome(StrEnum):
    """The glossary's call outcomes (value: the bokmål word), plus ``sendt`` for a follow-up
    SMS or e-mail the caller sent."""

    REACHED = "nådd"
    NO_ANSWER = "ikke svar"
    BUSY = "opptatt"
    CALL_BACK = "ring tilbake"
    WRONG_NUMBER = "feil nummer"
    NO_CONTACT = "ønsker ikke kontakt"
    LEFT_MESSAGE = "lagt igjen beskjed"
    SENT = "sendt"


# Not reached: another attempt after the cooldown (ring tilbake too: the person asked for it).
NOT_REACHED = frozenset({Outcome.NO_ANSWER, Outcome.BUSY, Outcome.LEFT_MESSAGE, Outcome.CALL_BACK})


@dataclass(frozen=True, slots=True)
class Unread:
    """A cell the translator could not read; ``text`` is what was typed (tidied)."""

    text: str


_SYNONYMS: dict[Outcome, tuple[str, ...]] = {
    Outcome.REACHED: (
        "nådd", "nådde", "nådd han", "nådd henne", "snakket med", "snakka med", "snakket",
        "snakka", "fikk tak", "fikk tak i", "fekk tak i", "svarte", "reached", "✓", "✔",
    ),
    Outcome.NO_ANSWER: (
        "ikke svar", "ikkje svar", "ingen svar", "ikke svart", "ikkje svart", "svarte ikke",
        "svarer ikke", "svarte ikkje", "ubesvart", "tok ikke telefonen", "tok ikke", "is",
        "no answer",
    ),
    Outcome.BUSY: ("opptatt", "oppteken", "opptatt linje", "busy"),
    Outcome.CALL_BACK: (
        "ring tilbake", "ring senere", "ring seinare", "ring seinere", "ring igjen",
        "ring opp igjen", "ringes tilbake", "ring tilbake senere", "rt", "call back",
    ),
    Outcome.WRONG_NUMBER: (
        "feil nummer", "feil nr", "feilnummer", "feil tlf", "feil telefon",
        "feil telefonnummer", "feil tlf nr", "ugyldig nummer", "nummeret finnes ikke",
        "finnes ikke", "wrong number",
    ),
    Outcome.NO_CONTACT: (
        "ønsker ikke kontakt", "ønskjer ikkje kontakt", "ønsker ikke", "vil ikke kontaktes",
        "vil ikke bli kontaktet", "vil ikkje kontaktast", "ikke kontakt", "ikke ring",
        "ikke ring igjen", "ikke ring meg", "do not contact",
    ),
    Outcome.LEFT_MESSAGE: (
        "lagt igjen beskjed", "la igjen beskjed", "lagt att beskjed", "la att beskjed",
        "la beskjed", "lagt igjen melding", "beskjed", "talepost", "talemelding",
        "left message",
    ),
    Outcome.SENT: (
        "sendt", "sms sendt", "sendt sms", "e post sendt", "epost sendt", "mail sendt",
        "sendt e post", "sendt epost", "sms", "e post", "epost",
    ),
}  # fmt: skip

_CHECKS = {"✓": " ✓ ", "✔": " ✓ ", "☑": " ✓ ", "✅": " ✓ "}
_NOISE = re.compile(r"[^\w✓ ]+")


def fold_words(raw: str) -> str:
    """Folded for lookup only: lower case, accents and æ/ø/å folded, punctuation and symbols
    dropped (a check mark kept as ``✓``), spaces collapsed."""
    text = raw
    for mark, plain in _CHECKS.items():
        text = text.replace(mark, plain)
    return " ".join(_NOISE.sub(" ", fold_name(text).replace("_", " ")).split())


_LOOKUP: dict[str, Outcome] = {
    fold_words(word): outcome for outcome, words in _SYNONYMS.items() for word in words
}


def _distance(a: str, b: str) -> int:
    """Optimal string alignment distance (a swap of two letters counts one)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, previous2[j - 2] + 1)
            current.append(best)
        previous2, previous = previous, current
    return previous[-1]


def _allowed(word: str) -> int:
    """How many slips a phrase of this length tolerates: none below 5 letters."""
    if len(word) >= 10:
        return 2
    return 1 if len(word) >= 5 else 0


def _nearest(folded: str) -> Outcome | None:
    """The one outcome within the allowed slips of ``folded``; ``None`` when none or several."""
    found: set[Outcome] = set()
    best = 3
    for word, outcome in _LOOKUP.items():
        distance = _distance(folded, word)
        if distance > _allowed(word) or distance > best:
            continue
        if distance < best:
            best = distance
            found = set()
        found.add(outcome)
    return found.pop() if len(found) == 1 else None


def read_outcome(raw: str) -> Outcome | Unread | None:
    """The outcome a caller typed; ``None`` for an empty cell, :class:`Unread` otherwise.

    A trailing check mark or "ok" after a word ("nådd ✓", "nådd ok") is a flourish and ignored.
    """
    folded = fold_words(raw)
    if not folded:
        return None
    for candidate in (folded, folded.removesuffix(" ✓"), folded.removesuffix(" ok")):
        outcome = _LOOKUP.get(candidate)
        if outcome is not None:
            return outcome
    outcome = _nearest(folded)
    if outcome is not None:
        return outcome
    return Unread(" ".join(raw.split()))


_YES = frozenset({"ja", "j", "jepp", "jada", "ja takk", "yes", "y", "x", "✓", "ok", "1", "sant"})
_NO = frozenset({"nei", "n", "nei takk", "no", "0", "ikke", "ikkje", "nope", "usant"})


def read_yes_no(raw: str) -> bool | Unread | None:
    """A yes/no answer cell: ``True``/``False``, ``None`` when empty (not asked or no answer:
    the tag is left as it is), :class:`Unread` for anything else ("kanskje")."""
    folded = fold_words(raw)
    if not folded:
        return None
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    return Unread(" ".join(raw.split()))
