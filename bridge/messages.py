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
    # What a person reads at the command line and from the connectors (issue 13), all of it
    # in the configured language: the CLI edge, bridge check, the demo, the sandbox, retries.
    "cli.config_problems": {
        "nb": "Konfigurasjonen har {count} problem(er):",
        "en": "The configuration has {count} problem(s):",
    },
    "cli.no_branch": {
        "nb": "Ingen gren heter «{branch}» i {config}.",
        "en": "No branch named «{branch}» in {config}.",
    },
    "cli.approve_needs_branch": {
        "nb": "--approve trenger --branch når konfigurasjonen har flere grener.",
        "en": "--approve needs --branch when the config has several branches.",
    },
    "cli.job_not_built": {
        "nb": "Jobben «{job}» er ikke laget ennå (den kommer i en senere sak).",
        "en": "The {job} job is not built yet (it comes in a later issue).",
    },
    "cli.ledger_failed": {
        "nb": "Kan ikke åpne loggboka (databasen) på {url}: {reason}. Rett BRIDGE_DATABASE_URL "
        "eller database_url i {config}",
        "en": "Cannot open the ledger (the database) at {url}: {reason}. Fix BRIDGE_DATABASE_URL "
        "or database_url in {config}",
    },
    "cli.ledger_bad_url": {
        "nb": "ukjent eller ugyldig database-URL",
        "en": "an unknown or invalid database URL",
    },
    "cli.data_dir_failed": {
        "nb": "Kan ikke skrive i datamappa {path}: {reason}. Rett data_dir i {config}, eller gi "
        "brukeren skrivetilgang til mappa",
        "en": "Cannot write in the data folder {path}: {reason}. Fix data_dir in {config}, or "
        "give the user write access to the folder",
    },
    "cli.held": {
        "nb": "  holdt tilbake for godkjenning: {reason}",
        "en": "  held for approval: {reason}",
    },
    "cli.held_explained": {
        "nb": "  «holdt tilbake» betyr at ingenting er skrevet; se over planen og godkjenn "
        "den med:",
        "en": "  «held» means nothing was written; look the plan over and approve it with:",
    },
    "cli.error": {"nb": "  feil: {error}", "en": "  error: {error}"},
    "cli.requests": {"nb": "  API-kall: {calls}", "en": "  API requests: {calls}"},
    "check.ok_config": {
        "nb": "Konfigurasjonen er i orden: {source}",
        "en": "Configuration OK: {source}",
    },
    "check.data_dir": {"nb": "  datamappe: {path}", "en": "  data folder: {path}"},
    "check.language": {
        "nb": "  språk: {language}, loggnivå: {level}",
        "en": "  language: {language}, log level: {level}",
    },
    "check.branches": {"nb": "  {count} gren(er):", "en": "  {count} branch(es):"},
    "check.branch": {
        "nb": "  branch[{index}] {name}: Zetkin-organisasjon {org}, regneark {sheet}",
        "en": "  branch[{index}] {name}: Zetkin org {org}, spreadsheet {sheet}",
    },
    "check.districts": {"nb": "    bydeler: {districts}", "en": "    districts: {districts}"},
    "check.none": {"nb": "(ingen)", "en": "(none)"},
    "check.jobs": {"nb": "    jobber: {jobs}", "en": "    jobs: {jobs}"},
    "check.job_every": {"nb": "{job} hvert {every}", "en": "{job} every {every}"},
    "check.job_off": {"nb": "{job} av", "en": "{job} off"},
    "check.tabs": {"nb": "    faner: {tabs}", "en": "    tabs: {tabs}"},
    "check.secrets": {
        "nb": "  hemmeligheter fra miljøet:",
        "en": "  secrets from the environment:",
    },
    "check.secret_set": {"nb": "satt", "en": "set"},
    "check.secret_not_set": {"nb": "ikke satt", "en": "not set"},
    "check.secret_file": {
        "nb": "ikke satt (verdien i filen brukes)",
        "en": "not set (the file's value is used)",
    },
    "check.secret_default": {
        "nb": "ikke satt (standardverdien brukes)",
        "en": "not set (the default is used)",
    },
    "check.reaching": {
        "nb": "Kontakter Zetkin og Google Sheets ...",
        "en": "Reaching Zetkin and Google Sheets ...",
    },
    "check.problems": {
        "nb": "Kontakten med systemene fant {count} problem(er):",
        "en": "Reaching the systems found {count} problem(s):",
    },
    "check.notices": {
        "nb": "Merknader (ingen feil):",
        "en": "Notices (not errors):",
    },
    "check.all_ok": {
        "nb": "Alt i orden: konfigurasjonen, loggboka, datamappa, Zetkin og regnearkene.",
        "en": "All good: the configuration, the ledger, the data folder, Zetkin and the "
        "spreadsheets.",
    },
    "check.offline_ok": {
        "nb": "Konfigurasjonen er i orden (systemene ble ikke kontaktet: --offline).",
        "en": "The configuration is in order (the systems were not reached: --offline).",
    },
    "check.missing_tab_hint": {
        "nb": "Er regnearket tomt? Kjør `bridge init-sheet --config {config}` for å lage "
        "arbeidsboka.",
        "en": "Is the spreadsheet empty? Run `bridge init-sheet --config {config}` to create "
        "the workbook.",
    },
    "check.tag_missing": {
        "nb": "taggen «{tag}» finnes ikke",
        "en": "the tag «{tag}» does not exist",
    },
    "retry.waiting": {
        "nb": "{system} svarer ikke (forsøk {attempt} av {attempts}), prøver igjen om {wait} s",
        "en": "{system} is not answering (attempt {attempt} of {attempts}), trying again in "
        "{wait} s",
    },
    "retry.waiting_open": {
        "nb": "{system} svarer ikke (forsøk {attempt}), prøver igjen om {wait} s",
        "en": "{system} is not answering (attempt {attempt}), trying again in {wait} s",
    },
    "retry.unreachable": {
        "nb": "fikk ikke kontakt med Zetkin ({kind})",
        "en": "could not reach Zetkin ({kind})",
    },
    "zetkin.relogin": {"nb": "Logg inn i Zetkin på nytt", "en": "Log in to Zetkin again"},
    "zetkin.wait_hint": {
        "nb": "Zetkin ber oss vente; prøver igjen senere",
        "en": "Zetkin asks us to wait; trying again later",
    },
    "sheets.header_duplicated": {
        "nb": "Fanen «{tab}» har kolonnen «{header}» flere ganger (kolonne {where}). Fjern eller "
        "gi nytt navn til den ene.",
        "en": "The tab «{tab}» has the column «{header}» more than once (columns {where}). "
        "Remove or rename one of them.",
    },
    "sheets.header_and": {"nb": " og ", "en": " and "},
    "sheets.header_missing": {
        "nb": "Fanen «{tab}» mangler kolonnen «{header}». Legg den til i rad 1, eller rett "
        "navnet i oppsettet.",
        "en": "The tab «{tab}» lacks the column «{header}». Add it in row 1, or correct the "
        "name in the configuration.",
    },
    "sheets.header_unknown": {
        "nb": "Fanen «{tab}» har kolonnen «{header}», som broen ikke kjenner. Den er styrets "
        "egen og blir ikke rørt.",
        "en": "The tab «{tab}» has the column «{header}», which the bridge does not know. It is "
        "the board's own and is never touched.",
    },
    "sheets.header_board_twice": {
        "nb": "Fanen «{tab}» har kolonnen «{header}» flere ganger.",
        "en": "The tab «{tab}» has the column «{header}» more than once.",
    },
    "sheets.tab_missing": {
        "nb": "Fant ikke fanen «{tab}» i regnearket. Opprett den, eller rett navnet i oppsettet.",
        "en": "The tab «{tab}» is not in the spreadsheet. Create it, or correct the name in the "
        "configuration.",
    },
    "sheets.header_merged": {
        "nb": "Fanen «{tab}» har sammenslåtte celler i overskriftsraden ({where}). Del dem opp "
        "igjen, så hver kolonne har sin egen overskrift.",
        "en": "The tab «{tab}» has merged cells in its header row ({where}). Split them again, "
        "so each column has its own header.",
    },
    "sheets.init_refused": {
        "nb": "Fanene {tabs} er ikke tomme; ingenting er endret.",
        "en": "The tabs {tabs} are not empty; nothing was changed.",
    },
    "sheets.init_refused_where": {"nb": "regnearket {id}", "en": "spreadsheet {id}"},
    "sheets.init_refused_hint": {
        "nb": "init-sheet lager arbeidsboka bare i tomme faner",
        "en": "init-sheet only creates the workbook in empty tabs",
    },
    "sheets.init_done": {
        "nb": "{branch}: {created} faner opprettet ({requests} forespørsler)",
        "en": "{branch}: {created} tabs created ({requests} requests)",
    },
    "sheets.init_prepared": {
        "nb": "{count} tomme faner fikk overskrifter",
        "en": "{count} empty tabs given headers",
    },
    "sheets.init_removed": {"nb": "fjernet tomme {tabs}", "en": "removed empty {tabs}"},
    "demo.starting": {
        "nb": "Starter stand-in-tjenestene og en oppdiktet gren med {size} personer ...",
        "en": "Starting the stand-ins and a fictional branch of {size} people ...",
    },
    "demo.reconciling": {
        "nb": "Avstemmer Zetkin med fanen «Medlemmer» for {branch} ...",
        "en": "Reconciling Zetkin with the «Medlemmer» tab of {branch} ...",
    },
    "demo.run": {
        "nb": "Kjøring {run}: {status} på {seconds} s",
        "en": "Run {run}: {status} in {seconds} s",
    },
    "cli.count.created": {"nb": "opprettet i Zetkin", "en": "created in Zetkin"},
    "cli.count.updated": {"nb": "rader oppdatert", "en": "rows updated"},
    "cli.count.appended": {"nb": "rader lagt til", "en": "rows appended"},
    "cli.count.conflicts": {"nb": "konflikter", "en": "conflicts"},
    "cli.count.review": {"nb": "rader til gjennomgang", "en": "rows for review"},
    "cli.count.row_errors": {"nb": "rader med feil", "en": "row errors"},
    "cli.count.pending_joins": {"nb": "ventende innmeldinger", "en": "pending join submissions"},
    "cli.count.sheet_writes": {"nb": "skrivinger til arket", "en": "sheet writes"},
    "cli.count.zetkin_writes": {"nb": "skrivinger til Zetkin", "en": "Zetkin writes"},
    "cli.count.zetkin_calls": {"nb": "API-kall til Zetkin", "en": "API calls to Zetkin"},
    "cli.count.sheets_calls": {"nb": "API-kall til Sheets", "en": "API calls to Sheets"},
    "demo.rows_header": {
        "nb": "Rader styret bør se på (radnummer og statusteksten i arket):",
        "en": "Rows the board should look at (row number and the status text in the sheet):",
    },
    "demo.row": {"nb": "  rad {row}: {status}", "en": "  row {row}: {status}"},
    "demo.no_rows": {
        "nb": "Ingen rader med feil eller til gjennomgang.",
        "en": "No rows with errors or for review.",
    },
    "demo.joins": {
        "nb": "{count} innmeldinger venter i Zetkin: godkjenn eller avvis dem i Zetkin under "
        "«Innmeldinger»; broen legger dem ikke inn selv.",
        "en": "{count} join submissions are waiting in Zetkin: accept or reject them in Zetkin "
        "under «Join forms»; the bridge does not add them by itself.",
    },
    "demo.held": {
        "nb": "«Holdt tilbake» betyr at ingenting er skrevet, verken i Zetkin eller i arket: "
        "tallene over er det kjøringen ville gjort. Se over og godkjenn med "
        "`bridge sync all --config FIL --approve {run}` (i demoen: kjør uten --once og med "
        "--dir, så stand-in-tjenestene og loggboka blir værende).",
        "en": "«Held» means nothing was written, neither to Zetkin nor to the sheet: the counts "
        "above are what the run would have done. Look it over and approve it with "
        "`bridge sync all --config FILE --approve {run}` (in the demo: run it without --once "
        "and with --dir, so the stand-ins and the ledger stay).",
    },
    "demo.planned": {
        "nb": "  (planlagt, ikke skrevet)",
        "en": "  (planned, not written)",
    },
    "cli.status.ok": {"nb": "ok", "en": "ok"},
    "cli.status.held": {"nb": "holdt tilbake", "en": "held"},
    "cli.status.failed": {"nb": "feilet", "en": "failed"},
    "cli.status.dry_run": {"nb": "prøvekjøring", "en": "dry run"},
    "cli.status.skipped": {"nb": "hoppet over", "en": "skipped"},
    "demo.again": {
        "nb": "En ny kjøring uten endringer: {status}, {sheet} skrivinger til arket, {zetkin} "
        "skrivinger til Zetkin.",
        "en": "A second run with nothing changed: {status}, {sheet} sheet writes, {zetkin} "
        "Zetkin writes.",
    },
    "demo.folder": {
        "nb": "Konfigurasjon og loggbok: {folder}",
        "en": "Config and ledger: {folder}",
    },
    "demo.folder_removed": {
        "nb": "Den midlertidige mappa er slettet (bruk --dir for å beholde den).",
        "en": "The temporary folder was removed (use --dir to keep it).",
    },
    "demo.keep_running": {
        "nb": "Stand-in-tjenestene kjører videre; pek `bridge sync reconcile --config {config}` "
        "mot dem, eller åpne arket med gspread på {url}. Ctrl-C stopper.",
        "en": "The stand-ins keep running; point `bridge sync reconcile --config {config}` at "
        "them, or open the sheet through gspread at {url}. Ctrl-C stops.",
    },
    "demo.stopped": {"nb": "Stoppet.", "en": "Stopped."},
    "sandbox.zetkin": {
        "nb": "Zetkin stand-in:  {url}  (org {org})",
        "en": "Zetkin stand-in:  {url}  (org {org})",
    },
    "sandbox.token": {"nb": "Zetkin-token:     {token}", "en": "Zetkin token:     {token}"},
    "sandbox.sheets": {"nb": "Sheets stand-in:  {url}", "en": "Sheets stand-in:  {url}"},
    "sandbox.spreadsheet": {"nb": "Regneark-id:      {id}", "en": "Spreadsheet id:   {id}"},
    "sandbox.config": {"nb": "Konfigurasjon:    {config}", "en": "Config:           {config}"},
    "sandbox.blank_next": {
        "nb": "Regnearket er tomt: kjør `bridge init-sheet --config {config}` først.",
        "en": "The spreadsheet is empty: run `bridge init-sheet --config {config}` first.",
    },
    "cli.admin_page": {"nb": "Admin-siden", "en": "The admin page"},
    "cli.later_issue": {"nb": "en senere sak", "en": "a later issue"},
    "cli.not_yet": {
        "nb": "{what} er ikke laget ennå (den kommer i {issue}).",
        "en": "{what} is not built yet (it comes with {issue}).",
    },
    "worker.scheduled": {"nb": "planlagt: {entry}", "en": "scheduled: {entry}"},
    "worker.not_scheduled": {
        "nb": "ikke planlagt (jobben kommer i en senere sak): {entry}",
        "en": "not scheduled (the job comes in a later issue): {entry}",
    },
    "db.need_source": {
        "nb": "oppgi --config FIL (eller BRIDGE_CONFIG) eller --url URL",
        "en": "give --config FILE (or BRIDGE_CONFIG) or --url URL",
    },
    "db.bad_url": {
        "nb": "ikke en brukbar database-URL: {url}",
        "en": "not a usable database URL: {url}",
    },
    "db.failed": {
        "nb": "Loggboka (databasen) på {url} feilet: {reason}",
        "en": "The ledger database at {url} failed: {reason}",
    },
    "db.migration_failed": {
        "nb": "Migreringen feilet: {reason}",
        "en": "Migration failed: {reason}",
    },
    "db.up_to_date": {
        "nb": "Loggboka på {url} er oppdatert (revisjon {rev}).",
        "en": "Ledger at {url} is up to date (revision {rev}).",
    },
    "db.upgraded": {
        "nb": "Loggboka på {url} er oppgradert fra {before} til {after}.",
        "en": "Ledger at {url} upgraded from {before} to {after}.",
    },
    "db.now_at": {
        "nb": "Loggboka på {url} står nå på {rev}.",
        "en": "Ledger at {url} is now at {rev}.",
    },
    "db.empty": {"nb": "tom", "en": "empty"},
    "db.base": {"nb": "base (tom)", "en": "base (empty)"},
    "db.current": {"nb": "nå:     {rev}", "en": "current: {rev}"},
    "db.newest": {"nb": "nyeste: {rev}", "en": "newest:  {rev}"},
    "login.no_code": {"nb": "ingen kode ble gitt", "en": "no code was given"},
    "login.refused": {
        "nb": "Zetkin avslo autorisasjonen ({error})",
        "en": "Zetkin refused the authorisation ({error})",
    },
    "login.other_attempt": {
        "nb": "adressen som ble limt inn hører til et annet innloggingsforsøk (state)",
        "en": "the pasted URL belongs to another login attempt (state)",
    },
    "login.cannot_listen": {
        "nb": "Kunne ikke lytte på {where} ({reason}); lim inn koden i stedet.",
        "en": "Could not listen on {where} ({reason}); paste instead.",
    },
    "login.token_mode": {
        "nb": 'zetkin.auth er "token": det faste tokenet i BRIDGE_ZETKIN_TOKEN brukes; det er '
        "ingenting å logge inn på.",
        "en": 'zetkin.auth is "token": the fixed token in BRIDGE_ZETKIN_TOKEN is used; there is '
        "nothing to log in to.",
    },
    "login.api_key_steps": {
        "nb": 'Broen bruker Zetkins API-nøkkel-innlogging (zetkin.auth = "api_key"), slik '
        "Zetkins egen\nautomatiske synkronisering gjør: ingen må logge inn, og et nytt token "
        "hentes når det gamle går ut.\n"
        "  1. Zetkin Foundation registrerer broen som API-klient (klient-id og hemmelighet) og\n"
        "     utsteder en API-nøkkel for en organisatorkonto i grenen (API-nøkler er ikke\n"
        "     selvbetjent; de lages med POST /v1/users/{id}/api_keys).\n"
        "  2. Sett klient-id-en i zetkin.client_id, hemmeligheten i BRIDGE_ZETKIN_CLIENT_SECRET "
        "og\n     nøkkelen i BRIDGE_ZETKIN_API_KEY (miljøfilen, aldri konfigurasjonsfilen).\n"
        "  3. Kjør `bridge check`: den viser innloggingsnivået (må være 2) og kontoens rolle.\n"
        'For å bruke engangsinnloggingen i nettleseren i stedet: sett zetkin.auth = "oauth" og '
        "kjør dette igjen.",
        "en": 'The bridge uses the Zetkin API-key grant (zetkin.auth = "api_key"), as Zetkin\'s '
        "own\nunattended sync does: nobody has to log in, and a new token is fetched when one "
        "expires.\n"
        "  1. Zetkin Foundation registers the bridge as an API client (client id and secret) and\n"
        "     issues an API key for an organiser account of the branch (API keys are not\n"
        "     self-service; they are made with POST /v1/users/{id}/api_keys).\n"
        "  2. Put the client id in zetkin.client_id, the secret in BRIDGE_ZETKIN_CLIENT_SECRET "
        "and\n     the key in BRIDGE_ZETKIN_API_KEY (the env file, never the config file).\n"
        "  3. Run `bridge check`: it shows the session level (must be 2) and the account's role.\n"
        'To use the one-time browser login instead, set zetkin.auth = "oauth" and run this again.',
    },
    "login.api_key_works": {
        "nb": "API-nøkkelen virker: Zetkin ga et token på nivå {level}.",
        "en": "The API key works: Zetkin granted a token at level {level}.",
    },
    "login.open_address": {
        "nb": "Åpne denne adressen, logg inn i Zetkin og godkjenn broen:",
        "en": "Open this address, log in to Zetkin and approve the bridge:",
    },
    "login.waiting": {
        "nb": "Venter på at Zetkin sender nettleseren tilbake (opptil {seconds} s) …",
        "en": "Waiting for Zetkin to send the browser back (up to {seconds} s)…",
    },
    "login.paste_prompt": {
        "nb": "Lim inn koden (eller hele adressen du ble sendt til)",
        "en": "Paste the code (or the whole address you were sent to)",
    },
    "login.done": {
        "nb": "Logget inn i Zetkin; tokenet er lagret i loggboka (utløper {expires}).",
        "en": "Logged in to Zetkin; token stored in the ledger (expires {expires}).",
    },
    "login.not_stated": {"nb": "ikke oppgitt", "en": "not stated"},
    "sandbox.stop_hint": {"nb": "Trykk Ctrl-C for å stoppe.", "en": "Press Ctrl-C to stop."},
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
    # --- runtime (issue 17) ---
    "runtime.poisoned": {
        "nb": "stoppet: oppgaven har startet {starts} ganger uten å bli ferdig "
        "(prosessen døde hver gang); den kjøres ikke igjen før neste planlagte kjøring",
        "en": "stopped: the task started {starts} times without finishing (its process died "
        "each time); it is not run again before the next scheduled run",
    },
    "runtime.nothing_due": {
        "nb": "ingen jobb er forfalt for {branch} ennå",
        "en": "no job is due for {branch} yet",
    },
    "runtime.throttled": {
        "nb": "strupet, fortsetter {time}",
        "en": "throttled, resumes {time}",
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
