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
    "status.same_name": {
        "nb": "Mulig duplikat av Zetkin-ID {ids} (samme navn): skriv ID-en i Zetkin-ID "
        "hvis det er samme person",
        "en": "Possible duplicate of Zetkin ID {ids} (same name): enter the ID in Zetkin ID "
        "if it is the same person",
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
    "reason.name": {"nb": "samme navn", "en": "same name"},
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
    # The branch cycle (jobs.cycle): what the CLI, the worker and the admin report.
    "cycle.skipped": {
        "nb": "hoppet over: en annen kjøring for {branch} pågår allerede",
        "en": "skipped: another run for {branch} is already in progress",
    },
    "cycle.unexpected": {
        "nb": "kjøringen stoppet på en uventet feil ({kind}); ingenting mer ble skrevet",
        "en": "the run stopped on an unexpected error ({kind}); nothing more was written",
    },
    "cycle.planner_failed": {
        "nb": "planleggingen i jobben «{job}» feilet ({kind}); ingenting ble skrevet",
        "en": "planning in the «{job}» job failed ({kind}); nothing was written",
    },
    "cycle.approve_unknown": {
        "nb": "kjøring {run} venter ikke på godkjenning",
        "en": "run {run} is not waiting for approval",
    },
    "cycle.approve_other": {
        "nb": "kjøring {run} gjelder {branch} ({job}), ikke denne kjøringen",
        "en": "run {run} belongs to {branch} ({job}), not to this run",
    },
    "cycle.approve_stale": {
        "nb": "arket eller Zetkin er endret siden planen ble holdt tilbake",
        "en": "the sheet or Zetkin has changed since the plan was held",
    },
    "cycle.approve_stale_hint": {
        "nb": "kjør synkroniseringen på nytt og godkjenn den nye planen",
        "en": "run the sync again and approve the new plan",
    },
    "reconcile.member_tag_missing": {
        "nb": "taggen «{tag}» finnes ikke i Zetkin",
        "en": "the tag «{tag}» does not exist in Zetkin",
    },
    "reconcile.member_tag_missing_hint": {
        "nb": "opprett taggen i Zetkin eller rett navnet i konfigurasjonen",
        "en": "create the tag in Zetkin or correct the name in the configuration",
    },
    "rowerror.cell": {
        "nb": "sjekk {field} i celle {cell}",
        "en": "check {field} in cell {cell}",
    },
    # Zetkin first contact (bridge check) and what the Zetkin client reports.
    "zetkin.level1": {
        "nb": "Zetkin-innloggingen har bare nivå {level}; bridge trenger nivå 2 (scope level2, "
        "to-faktor) for å skrive. Bruk API-nøkkelen, eller logg inn på nytt med to-faktor",
        "en": "The Zetkin login is only level {level}; the bridge needs level 2 (scope level2, "
        "two-factor) to write. Use the API key, or log in again with two-factor",
    },
    "zetkin.not_organizer": {
        "nb": "Zetkin-brukeren er ikke organisator eller admin i organisasjon {org} "
        "(rolle: {role}); be en admin gi brukeren rollen organisator",
        "en": "The Zetkin user is not an organizer or admin in organization {org} "
        "(role: {role}); ask an admin to make the user an organizer",
    },
    "zetkin.not_in_org": {
        "nb": "Zetkin-brukeren er ikke medlem av organisasjon {org}",
        "en": "The Zetkin user is not a member of organization {org}",
    },
    "zetkin.session_ok": {
        "nb": "Zetkin: innlogget med nivå {level} ({auth}), rolle {role} i organisasjon {org}",
        "en": "Zetkin: logged in at level {level} ({auth}), role {role} in organization {org}",
    },
    "zetkin.forbidden_hint": {
        "nb": "Sjekk at Zetkin-brukeren er organisator eller admin i organisasjonen, og at "
        "innloggingen har nivå 2 (API-nøkkel eller to-faktor)",
        "en": "Check that the Zetkin user is an organizer or admin in the organization, and "
        "that the login is level 2 (API key or two-factor)",
    },
    "zetkin.api_key_hint": {
        "nb": "Sjekk BRIDGE_ZETKIN_API_KEY, zetkin.client_id og BRIDGE_ZETKIN_CLIENT_SECRET "
        "(API-nøkkelen utstedes av Zetkin Foundation)",
        "en": "Check BRIDGE_ZETKIN_API_KEY, zetkin.client_id and BRIDGE_ZETKIN_CLIENT_SECRET "
        "(Zetkin Foundation issues the API key)",
    },
    "zetkin.row_bad_id": {
        "nb": "rad {row} i svaret fra Zetkin: ugyldig id",
        "en": "row {row} of Zetkin's answer: invalid id",
    },
    "zetkin.row_bad_shape": {
        "nb": "rad {row} i svaret fra Zetkin: ugyldig rad",
        "en": "row {row} of Zetkin's answer: malformed row",
    },
    "zetkin.row_bad_value": {
        "nb": "rad {row} i svaret fra Zetkin: ugyldig verdi i {column}",
        "en": "row {row} of Zetkin's answer: invalid value in {column}",
    },
    "zetkin.row_repeated": {
        "nb": "rad {row} i svaret fra Zetkin: samme id som en tidligere rad",
        "en": "row {row} of Zetkin's answer: same id as an earlier row",
    },
    # Call lists and call rounds (bridge/calls).
    "calls.rule.empty": {
        "nb": "Målgruppen er tom: skriv for eksempel tag:Medlem bydel:Heimdal",
        "en": "The target rule is empty: write for example tag:Medlem bydel:Heimdal",
    },
    "calls.rule.unclosed_quote": {
        "nb": "Anførselstegnet i «{word}» (tegn {position}) lukkes ikke",
        "en": "The quote in “{word}” (character {position}) is not closed",
    },
    "calls.rule.bare_word": {
        "nb": "«{word}» (tegn {position}) mangler nøkkelord: skriv nøkkel:verdi",
        "en": "“{word}” (character {position}) has no keyword: write key:value",
    },
    "calls.rule.unknown_keyword": {
        "nb": "Ukjent nøkkelord «{word}» (tegn {position})",
        "en": "Unknown keyword “{word}” (character {position})",
    },
    "calls.rule.missing_value": {
        "nb": "«{word}» (tegn {position}) mangler verdi etter «:»",
        "en": "“{word}” (character {position}) has no value after “:”",
    },
    "calls.rule.bad_duration": {
        "nb": "«{word}» (tegn {position}): skriv antall dager som 30d eller uker som 4u",
        "en": "“{word}” (character {position}): write days as 30d or weeks as 4u",
    },
    "calls.rule.bad_date": {
        "nb": "«{word}» (tegn {position}): skriv datoen som 2026-01-01 eller 1.1.2026",
        "en": "“{word}” (character {position}): write the date as 2026-01-01 or 1.1.2026",
    },
    "calls.rule.unknown_tag": {
        "nb": "Ukjent tag «{word}» (tegn {position})",
        "en": "Unknown tag “{word}” (character {position})",
    },
    "calls.rule.unknown_district": {
        "nb": "Ukjent bydel «{word}» (tegn {position})",
        "en": "Unknown district “{word}” (character {position})",
    },
    "calls.rule.did_you_mean": {
        "nb": " (mente du «{suggestion}»?)",
        "en": " (did you mean “{suggestion}”?)",
    },
    "calls.problem.unread_outcome": {
        "nb": "Forstår ikke «{value}» i Resultat: skriv nådd, ikke svar, opptatt, ring tilbake, "
        "feil nummer, ønsker ikke kontakt eller lagt igjen beskjed",
        "en": "Cannot read “{value}” in Result: write reached, no answer, busy, call back, "
        "wrong number, does not want contact or left message",
    },
    "calls.problem.unread_answer": {
        "nb": "Skriv Ja eller Nei, ikke «{value}»",
        "en": "Write Yes or No, not “{value}”",
    },
    "calls.problem.bad_capacity": {
        "nb": "Kapasitet per uke må være et tall, ikke «{value}»; ringeren får ingen oppgaver",
        "en": "Capacity per week must be a number, not “{value}”; the caller gets no tasks",
    },
    "calls.problem.no_capacity": {
        "nb": "Kapasitet per uke mangler; ringeren får ingen oppgaver",
        "en": "Capacity per week is missing; the caller gets no tasks",
    },
    "calls.problem.bad_active": {
        "nb": "Skriv Ja eller Nei i Aktiv, ikke «{value}»; ringeren får ingen oppgaver",
        "en": "Write Yes or No in Active, not “{value}”; the caller gets no tasks",
    },
    "calls.problem.duplicate_caller": {
        "nb": "Ringeren «{value}» står to ganger; bare den første raden brukes",
        "en": "The caller “{value}” is listed twice; only the first row is used",
    },
    "calls.problem.unknown_caller": {
        "nb": "Ukjent ringer «{value}»: skriv et navn fra fanen Ringere",
        "en": "Unknown caller “{value}”: write a name from the Callers tab",
    },
    "calls.problem.self_caller": {
        "nb": "«{value}» kan ikke ringe seg selv; oppgaven beholder sin ringer",
        "en": "“{value}” cannot call themself; the task keeps its caller",
    },
    "calls.problem.unknown_task": {
        "nb": "Ukjent Oppgave-ID «{value}»; raden er ikke laget av broen",
        "en": "Unknown task ID “{value}”; the row was not made by the bridge",
    },
    "calls.problem.duplicate_task": {
        "nb": "Oppgave-ID «{value}» står på flere rader; bare den første leses",
        "en": "Task ID “{value}” is on several rows; only the first is read",
    },
    "calls.problem.bad_round_date": {
        "nb": "Ugyldig dato «{value}»: skriv 2026-01-01 eller 1.1.2026",
        "en": "Invalid date “{value}”: write 2026-01-01 or 1.1.2026",
    },
    "calls.held_incomplete": {
        "nb": "uttrekket fra Zetkin var ufullstendig; ringelistene er ikke planlagt",
        "en": "the pull from Zetkin was incomplete; the call lists were not planned",
    },
    "cli.now_refused": {
        "nb": "--now er slått av i {file}: sett allow_clock_override = true bare i en sandkasse",
        "en": "--now is switched off in {file}: set allow_clock_override = true in a sandbox only",
    },
    "cli.now_bad": {
        "nb": "--now forventer en tid som 2026-12-14T10:00, ikke «{value}»",
        "en": "--now expects a time like 2026-12-14T10:00, not “{value}”",
    },
    "calls.error.no_active_callers": {
        "nb": "Ingen aktive ringere med kapasitet i fanen Ringere: "
        "{count} oppgaver venter på en ringer",
        "en": "No active callers with capacity in the Callers tab: {count} tasks wait for a caller",
    },
    "calls.type.welcome": {"nb": "Velkomst", "en": "Welcome"},
    "calls.type.round": {"nb": "Runde: {name}", "en": "Round: {name}"},
    "calls.type.followup": {"nb": "SMS/e-post", "en": "SMS/e-mail"},
    "calls.status.attempt": {"nb": "Forsøk {number} av {max}", "en": "Attempt {number} of {max}"},
    "calls.status.escalated": {"nb": "Haster: frist {due}", "en": "Urgent: due {due}"},
    "calls.status.overdue": {"nb": "Forfalt: fristen var {due}", "en": "Overdue: was due {due}"},
    "calls.status.followup": {
        "nb": "Ikke nådd på telefon: send SMS {sms} eller e-post {mailto}",
        "en": "Not reached by phone: send an SMS {sms} or an e-mail {mailto}",
    },
    "calls.status.followup_no_mail": {
        "nb": "Ikke nådd på telefon: send SMS {sms}",
        "en": "Not reached by phone: send an SMS {sms}",
    },
    "calls.status.waiting": {
        "nb": "{outcome}: nytt forsøk fra {when}",
        "en": "{outcome}: next attempt from {when}",
    },
    "calls.status.closed_attempt": {
        "nb": "{outcome} (forsøk {number})",
        "en": "{outcome} (attempt {number})",
    },
    "calls.status.done": {"nb": "Ferdig: {outcome} {when}", "en": "Done: {outcome} {when}"},
    "calls.status.gave_up": {
        "nb": "Ferdig: ikke nådd etter {count} forsøk",
        "en": "Done: not reached after {count} attempts",
    },
    "calls.status.cancelled": {
        "nb": "Avbrutt: ikke lenger aktuell",
        "en": "Cancelled: no longer relevant",
    },
    "calls.status.moved": {"nb": "Flyttet til {caller}", "en": "Moved to {caller}"},
    "calls.note.reached": {"nb": "{when} {caller}: {note}", "en": "{when} {caller}: {note}"},
    "calls.note.wrong_number": {
        "nb": "{when} {caller}: feil nummer",
        "en": "{when} {caller}: wrong number",
    },
    "calls.reason.no_contact": {"nb": "ønsker ikke kontakt", "en": "does not want contact"},
    "calls.reason.wrong_number": {"nb": "feil nummer", "en": "wrong number"},
    "calls.reason.no_valid_phone": {"nb": "ingen gyldig telefon", "en": "no valid phone"},
    "calls.round.active": {
        "nb": "Aktiv: {targets} i målgruppen, {called} ringt, {reached} nådd",
        "en": "Active: {targets} targets, {called} called, {reached} reached",
    },
    "calls.round.not_started": {"nb": "Starter {start}", "en": "Starts {start}"},
    "calls.round.ended": {
        "nb": "Avsluttet: {targets} i målgruppen, {called} ringt, {reached} nådd",
        "en": "Ended: {targets} targets, {called} called, {reached} reached",
    },
    "calls.round.no_rule": {
        "nb": "Mangler målgruppe: skriv for eksempel tag:Medlem bydel:Heimdal",
        "en": "No target rule: write for example tag:Medlem bydel:Heimdal",
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
    # Runs: the branch lock and runs a dead process left behind (the CLI, the admin, the ledger).
    "run.skipped_busy": {
        "nb": "hoppet over: en annen kjøring for {branch} pågår allerede",
        "en": "skipped: another run for {branch} is already running",
    },
    "run.lock_lost": {
        "nb": "låsen for {branch} gikk tapt; kjøringen stoppet uten å skrive mer",
        "en": "the lock for {branch} was lost; the run stopped without writing more",
    },
    "run.aborted": {
        "nb": "avbrutt: prosessen som kjørte den stoppet før den ble ferdig",
        "en": "aborted: the process running it stopped before it finished",
    },
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
