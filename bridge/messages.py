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
    # --- admin (issue 16) ---
    "admin.title": {"nb": "Broen – admin", "en": "The bridge – admin"},
    "admin.no_secret_key": {
        "nb": "Admin-siden trenger en hemmelig nøkkel (minst 16 tegn) for innlogging",
        "en": "The admin page needs a secret key (at least 16 characters) for logins",
    },
    "admin.no_secret_key_hint": {
        "nb": "sett BRIDGE_SECRET_KEY, f.eks. til: python -c 'import secrets; "
        "print(secrets.token_urlsafe(32))'",
        "en": "set BRIDGE_SECRET_KEY, e.g. to: python -c 'import secrets; "
        "print(secrets.token_urlsafe(32))'",
    },
    "admin.no_users": {
        "nb": "Ingen kan logge inn på admin-siden: det finnes ingen brukere",
        "en": "Nobody can log in to the admin page: there are no users",
    },
    "admin.no_users_hint": {
        "nb": "legg til en med: bridge admin add-user NAVN --role operator --config FIL",
        "en": "add one with: bridge admin add-user NAME --role operator --config FILE",
    },
    "admin.serving": {
        "nb": "Admin-siden kjører på {url} (Ctrl-C stopper)",
        "en": "The admin page is running at {url} (Ctrl-C stops it)",
    },
    "admin.user_added": {
        "nb": "Bruker {name} ({role}) lagt til",
        "en": "User {name} ({role}) added",
    },
    "admin.user_updated": {
        "nb": "Bruker {name} ({role}) oppdatert; brukerens innlogginger er avsluttet",
        "en": "User {name} ({role}) updated; the user's sessions were ended",
    },
    "admin.password_prompt": {"nb": "Passord", "en": "Password"},
    "admin.password_short": {
        "nb": "Passordet må ha minst 10 tegn",
        "en": "The password must have at least 10 characters",
    },
    "admin.demo_login": {
        "nb": "Admin-siden: {url}  (engangsinnlogging: bruker {name}, passord {password})",
        "en": "The admin page: {url}  (one-time login: user {name}, password {password})",
    },
    "admin.nav.status": {"nb": "Status", "en": "Status"},
    "admin.nav.runs": {"nb": "Kjøringer", "en": "Runs"},
    "admin.nav.errors": {"nb": "Feil", "en": "Errors"},
    "admin.nav.decisions": {"nb": "Beslutninger", "en": "Decisions"},
    "admin.nav.measures": {"nb": "Måltall", "en": "Measures"},
    "admin.nav.people": {"nb": "Personvern", "en": "Privacy"},
    "admin.role.viewer": {"nb": "leser", "en": "viewer"},
    "admin.role.operator": {"nb": "operatør", "en": "operator"},
    "admin.logout": {"nb": "Logg ut", "en": "Log out"},
    "admin.back": {"nb": "Tilbake til status", "en": "Back to the status"},
    "admin.all": {"nb": "alle", "en": "all"},
    "admin.filter": {"nb": "Vis", "en": "Show"},
    "admin.older": {"nb": "Eldre kjøringer", "en": "Older runs"},
    "admin.rejected": {"nb": "(avvist)", "en": "(rejected)"},
    "admin.approve": {"nb": "Godkjenn og skriv", "en": "Approve and write"},
    "admin.reject": {"nb": "Avvis", "en": "Reject"},
    "admin.run_now": {"nb": "Kjør nå", "en": "Run now"},
    "admin.dry_run": {"nb": "Prøvekjøring", "en": "Dry run"},
    "admin.login.title": {"nb": "Logg inn", "en": "Log in"},
    "admin.login.username": {"nb": "Brukernavn", "en": "User name"},
    "admin.login.password": {"nb": "Passord", "en": "Password"},
    "admin.login.submit": {"nb": "Logg inn", "en": "Log in"},
    "admin.login.failed": {
        "nb": "Feil brukernavn eller passord",
        "en": "Wrong user name or password",
    },
    "admin.login.limited": {
        "nb": "For mange mislykkede forsøk; vent en stund og prøv igjen",
        "en": "Too many failed attempts; wait a while and try again",
    },
    "admin.error.400": {"nb": "Forespørselen ble avvist", "en": "The request was refused"},
    "admin.error.401": {"nb": "Du må logge inn", "en": "You need to log in"},
    "admin.error.403": {
        "nb": "Bare en operatør kan gjøre dette",
        "en": "Only an operator can do this",
    },
    "admin.error.404": {"nb": "Fant ikke siden", "en": "Page not found"},
    "admin.error.405": {"nb": "Ikke tillatt her", "en": "Not allowed here"},
    "admin.error.413": {"nb": "For mye data", "en": "Too much data"},
    "admin.error.429": {"nb": "For mange forsøk", "en": "Too many attempts"},
    "admin.error.500": {"nb": "Noe gikk galt", "en": "Something went wrong"},
    "admin.status.title": {"nb": "Synkstatus", "en": "Sync status"},
    "admin.status.open_errors": {"nb": "Åpne radfeil: {count}", "en": "Open row errors: {count}"},
    "admin.status.held_run": {
        "nb": "Kjøring {run} ({when}) venter på godkjenning: {reason}",
        "en": "Run {run} ({when}) is waiting for approval: {reason}",
    },
    "admin.status.never": {"nb": "ikke kjørt ennå", "en": "not run yet"},
    "admin.status.off": {"nb": "slått av", "en": "switched off"},
    "admin.col.job": {"nb": "Jobb", "en": "Job"},
    "admin.col.last_run": {"nb": "Siste kjøring", "en": "Last run"},
    "admin.col.duration": {"nb": "Varighet", "en": "Duration"},
    "admin.col.result": {"nb": "Resultat", "en": "Result"},
    "admin.col.counts": {"nb": "Tall", "en": "Counts"},
    "admin.col.requests": {"nb": "Forespørsler", "en": "Requests"},
    "admin.col.next_run": {"nb": "Neste kjøring", "en": "Next run"},
    "admin.col.branch": {"nb": "Lag", "en": "Branch"},
    "admin.col.run": {"nb": "Kjøring", "en": "Run"},
    "admin.col.started": {"nb": "Startet", "en": "Started"},
    "admin.col.summary": {"nb": "Sammendrag", "en": "Summary"},
    "admin.col.tab": {"nb": "Fane", "en": "Tab"},
    "admin.col.cell": {"nb": "Celle", "en": "Cell"},
    "admin.col.message": {"nb": "Hva er galt", "en": "What is wrong"},
    "admin.col.first_seen": {"nb": "Først sett", "en": "First seen"},
    "admin.col.last_seen": {"nb": "Sist sett", "en": "Last seen"},
    "admin.col.days": {"nb": "Dager åpen", "en": "Days open"},
    "admin.system.zetkin": {"nb": "Zetkin", "en": "Zetkin"},
    "admin.system.sheets": {"nb": "Sheets", "en": "Sheets"},
    "admin.job.reconcile": {"nb": "Medlemsavstemming", "en": "Member reconciliation"},
    "admin.job.calls": {"nb": "Ringelister", "en": "Call lists"},
    "admin.job.doorknock": {"nb": "Dørbanking", "en": "Door-knocking"},
    "admin.run_status.running": {"nb": "kjører", "en": "running"},
    "admin.run_status.ok": {"nb": "OK", "en": "OK"},
    "admin.run_status.failed": {"nb": "feilet", "en": "failed"},
    "admin.run_status.held": {"nb": "venter på godkjenning", "en": "held for approval"},
    "admin.run_status.approved": {"nb": "godkjent", "en": "approved"},
    "admin.run_status.dry_run": {"nb": "prøvekjøring", "en": "dry run"},
    "admin.run_status.aborted": {"nb": "avbrutt", "en": "aborted"},
    "admin.run_status.skipped": {"nb": "hoppet over", "en": "skipped"},
    "admin.run_status.queued": {"nb": "i kø", "en": "queued"},
    "admin.runs.title": {"nb": "Kjøringer", "en": "Runs"},
    "admin.runs.none": {"nb": "Ingen kjøringer", "en": "No runs"},
    "admin.run.title": {"nb": "Kjøring {run}", "en": "Run {run}"},
    "admin.run.guard": {"nb": "Holdt tilbake fordi", "en": "Held because"},
    "admin.run.error": {"nb": "Feil", "en": "Error"},
    "admin.run.summary": {"nb": "Planen", "en": "The plan"},
    "admin.run.held": {
        "nb": "Ingenting er skrevet: dette ville endres",
        "en": "Nothing was written: this would change",
    },
    "admin.plan.sheet_writes": {"nb": "Celler i arket", "en": "Cells in the sheet"},
    "admin.plan.appends": {"nb": "Nye rader i arket", "en": "New rows in the sheet"},
    "admin.plan.patches": {"nb": "Endringer i Zetkin", "en": "Changes in Zetkin"},
    "admin.plan.tag_changes": {"nb": "Merkelapper i Zetkin", "en": "Tags in Zetkin"},
    "admin.plan.creates": {"nb": "Nye personer i Zetkin", "en": "New people in Zetkin"},
    "admin.decisions.title": {"nb": "Beslutninger", "en": "Decisions"},
    "admin.decisions.intro": {
        "nb": "Det broen overlater til en person. En beslutning brukes av neste kjøring og "
        "føres i loggen.",
        "en": "What the bridge leaves to a person. A decision is applied by the next run and "
        "recorded in the log.",
    },
    "admin.decisions.none": {
        "nb": "Ingenting venter på en beslutning",
        "en": "Nothing is waiting for a decision",
    },
    "admin.decide.conflict": {"nb": "Konflikter", "en": "Conflicts"},
    "admin.decide.duplicate": {"nb": "Mulige duplikater", "en": "Possible duplicates"},
    "admin.decide.join": {"nb": "Innmeldinger som venter", "en": "Pending join submissions"},
    "admin.choice.keep_sheet": {"nb": "Behold arket", "en": "Keep sheet"},
    "admin.choice.keep_zetkin": {"nb": "Behold Zetkin", "en": "Keep Zetkin"},
    "admin.choice.same": {"nb": "Samme person", "en": "Same person"},
    "admin.choice.different": {"nb": "Ulike personer", "en": "Different people"},
    "admin.choice.accept": {"nb": "Godta i Zetkin", "en": "Accept in Zetkin"},
    "admin.choice.reject": {"nb": "Avvist", "en": "Rejected"},
    "admin.flash.approved": {
        "nb": "Kjøring {run} godkjent: {status}.",
        "en": "Run {run} approved: {status}.",
    },
    "admin.flash.rejected": {
        "nb": "Kjøring {run} avvist; ingenting skrives.",
        "en": "Run {run} rejected; nothing is written.",
    },
    "admin.flash.queued": {
        "nb": "{job} er lagt i kø; resultatet vises her når det er klart.",
        "en": "{job} is queued; the result shows here when it is ready.",
    },
    "admin.call.welcome": {"nb": "velkomstsamtale", "en": "welcome call"},
    "admin.call.round": {"nb": "ringerunde", "en": "call round"},
    "admin.call.open": {"nb": "åpen", "en": "open"},
    "admin.call.waiting": {"nb": "venter", "en": "waiting"},
    "admin.call.followup": {"nb": "oppfølging", "en": "follow-up"},
    "admin.call.done": {"nb": "ferdig", "en": "done"},
    "admin.call.cancelled": {"nb": "avlyst", "en": "cancelled"},
    "admin.task.title": {"nb": "Kjøring i kø", "en": "Queued run"},
    "admin.task.waiting": {
        "nb": "Arbeideren har ikke kjørt den ennå; siden oppdaterer seg selv.",
        "en": "The worker has not run it yet; the page refreshes itself.",
    },
    "admin.flash.ran": {"nb": "{job}: {status}.", "en": "{job}: {status}."},
    "admin.flash.resolved": {
        "nb": "Markert som løst (neste kjøring åpner den igjen hvis feilen står der ennå).",
        "en": "Marked resolved (the next run opens it again if the error is still there).",
    },
    "admin.flash.ignored": {
        "nb": "Feilen vises ikke lenger her.",
        "en": "The error is no longer shown here.",
    },
    "admin.flash.decided": {
        "nb": "Beslutningen er lagret; neste kjøring bruker den.",
        "en": "The decision is saved; the next run applies it.",
    },
    "admin.flash.noted": {
        "nb": "Beslutningen er ført i loggen. Broen gjør ikke noe med den selv ennå: er det samme "
        "person, skriv Zetkin-ID-en i raden.",
        "en": "The decision is recorded in the log. The bridge does not act on it yet: if it is "
        "the same person, write the Zetkin ID in the row.",
    },
    "admin.flash.erase_unconfirmed": {
        "nb": "Skriv Zetkin-ID-en for å bekrefte; ingenting er slettet.",
        "en": "Type the Zetkin ID to confirm; nothing was erased.",
    },
    "admin.flash.erased": {
        "nb": "Slettet: {links} kobling(er), {audit} loggverdier tømt, {errors} radfeil, "
        "{calls} ringeoppføringer.",
        "en": "Erased: {links} link(s), {audit} log values blanked, {errors} row errors, "
        "{calls} call entries.",
    },
    "admin.errors.title": {"nb": "Radfeil", "en": "Row errors"},
    "admin.errors.intro": {
        "nb": "{count} åpne feil. Lenken åpner arket i cellen; en feil lukker seg selv når "
        "den er rettet i arket.",
        "en": "{count} open errors. The link opens the sheet at the cell; an error closes "
        "itself once it is fixed in the sheet.",
    },
    "admin.errors.none": {"nb": "Ingen åpne feil", "en": "No open errors"},
    "admin.errors.row": {"nb": "raden", "en": "the row"},
    "admin.errors.resolve": {"nb": "Løst", "en": "Resolved"},
    "admin.errors.ignore": {"nb": "Ignorer", "en": "Ignore"},
    "admin.kind.invalid_phone": {"nb": "Ugyldig telefonnummer", "en": "Invalid phone number"},
    "admin.kind.invalid_email": {"nb": "Ugyldig e-postadresse", "en": "Invalid e-mail address"},
    "admin.kind.unknown_district": {"nb": "Ukjent bydel", "en": "Unknown district"},
    "admin.kind.invalid_yes_no": {"nb": "Ja/Nei-felt", "en": "Yes/No field"},
    "admin.kind.invalid_id": {"nb": "Ugyldig Zetkin-ID", "en": "Invalid Zetkin ID"},
    "admin.kind.duplicate": {"nb": "Duplikat", "en": "Duplicate"},
    "admin.kind.missing_first_name": {"nb": "Fornavn mangler", "en": "First name missing"},
    "admin.kind.missing_last_name": {"nb": "Etternavn mangler", "en": "Last name missing"},
    "admin.kind.missing_value": {"nb": "Verdi mangler", "en": "Value missing"},
    "admin.kind.duplicate_task": {"nb": "Samtale oppført to ganger", "en": "Call listed twice"},
    "admin.kind.unknown_task": {"nb": "Ukjent samtale", "en": "Unknown call"},
    "admin.kind.unknown_caller": {"nb": "Ukjent ringer", "en": "Unknown caller"},
    "admin.kind.self_caller": {"nb": "Ringer seg selv", "en": "Calls themselves"},
    "admin.kind.unread_outcome": {"nb": "Uleselig utfall", "en": "Unreadable outcome"},
    "admin.kind.duplicate_caller": {"nb": "Ringer oppført to ganger", "en": "Caller listed twice"},
    "admin.kind.bad_active": {"nb": "Aktiv-felt", "en": "Active field"},
    "admin.kind.bad_capacity": {"nb": "Kapasitet", "en": "Capacity"},
    "admin.kind.bad_date": {"nb": "Ugyldig dato", "en": "Invalid date"},
    "admin.kind.bad_round_date": {"nb": "Ugyldig rundedato", "en": "Invalid round date"},
    "admin.kind.unknown_tag": {"nb": "Ukjent merkelapp", "en": "Unknown tag"},
    "admin.measures.title": {"nb": "Måltall fra arbeidsplanen", "en": "The work plan's measures"},
    "admin.measures.welcome": {
        "nb": "Nye medlemmer ringt innen {days} dager, per måned",
        "en": "New members called within {days} days, per month",
    },
    "admin.measures.overdue": {
        "nb": "Velkomstsamtaler på overtid nå",
        "en": "Welcome calls overdue now",
    },
    "admin.measures.rounds": {"nb": "Ringerunder: ferdig ringt", "en": "Call rounds: done"},
    "admin.measures.doors": {
        "nb": "Dører og samtaler per måned",
        "en": "Doors and conversations per month",
    },
    "admin.measures.doorknock_rounds": {
        "nb": "Dørbankerunder i år (mål 10)",
        "en": "Door-knocking rounds this year (target 10)",
    },
    "admin.measures.no_data": {"nb": "Ingen data ennå", "en": "No data yet"},
    "admin.measures.events": {
        "nb": "{count} medlemsaktiviteter er planlagt de neste 30 dagene.",
        "en": "{count} member activities are planned in the next 30 days.",
    },
    "admin.measures.no_events": {
        "nb": "Ingen medlemsaktivitet er planlagt i Zetkin de neste 30 dagene.",
        "en": "No member activity is planned in Zetkin in the next 30 days.",
    },
    "admin.measures.events_unknown": {
        "nb": "Fikk ikke spurt Zetkin om planlagte aktiviteter.",
        "en": "Could not ask Zetkin about planned activities.",
    },
    "admin.people.title": {"nb": "Finn en person", "en": "Find a person"},
    "admin.people.query": {
        "nb": "Navn, telefon, e-post eller Zetkin-ID",
        "en": "Name, phone, e-mail or Zetkin ID",
    },
    "admin.people.search": {"nb": "Søk", "en": "Search"},
    "admin.people.none": {"nb": "Fant ingen", "en": "Nobody found"},
    "admin.person.title": {"nb": "Person {id}", "en": "Person {id}"},
    "admin.person.intro": {
        "nb": "Alt broen har lagret eller skrevet om personen i {branch}. Visningen er "
        "ført i loggen.",
        "en": "Everything the bridge holds or wrote about the person in {branch}. This "
        "view is recorded in the log.",
    },
    "admin.person.report": {"nb": "Last ned innsynsrapport", "en": "Download access report"},
    "admin.person.erase": {"nb": "Sletteplan", "en": "Erasure plan"},
    "admin.person.zetkin": {"nb": "Zetkin", "en": "Zetkin"},
    "admin.person.zetkin_id": {"nb": "Zetkin-ID: {id}", "en": "Zetkin ID: {id}"},
    "admin.person.sheet": {"nb": "Raden i arket", "en": "The sheet row"},
    "admin.person.row_key": {"nb": "Radnøkkel", "en": "Row key"},
    "admin.person.errors": {"nb": "Radfeil", "en": "Row errors"},
    "admin.person.calls": {"nb": "Samtaler", "en": "Calls"},
    "admin.person.no_contact": {"nb": "Ønsker ikke kontakt", "en": "Do not contact"},
    "admin.person.audit": {"nb": "Loggen", "en": "The log"},
    "admin.person.nothing": {"nb": "Ingenting", "en": "Nothing"},
    "admin.erase.title": {"nb": "Sletteplan for person {id}", "en": "Erasure plan for person {id}"},
    "admin.erase.intro": {
        "nb": "Dette slettes eller tømmes i broens register for {branch}:",
        "en": "This is deleted or blanked in the bridge's ledger for {branch}:",
    },
    "admin.erase.links": {
        "nb": "koblinger til arket: {count}",
        "en": "links to the sheet: {count}",
    },
    "admin.erase.audit": {
        "nb": "loggoppføringer der verdiene tømmes: {count}",
        "en": "log entries whose values are blanked: {count}",
    },
    "admin.erase.errors": {"nb": "radfeil: {count}", "en": "row errors: {count}"},
    "admin.erase.calls": {
        "nb": "samtaler og kontaktforbud: {count}",
        "en": "calls and do-not-contact entries: {count}",
    },
    "admin.erase.sheet_row": {
        "nb": "Slett raden med nøkkel {row} i arket selv.",
        "en": "Delete the row with key {row} in the sheet yourself.",
    },
    "admin.erase.open_sheet": {"nb": "Åpne arket", "en": "Open the sheet"},
    "admin.erase.zetkin": {
        "nb": "Slett person {id} i Zetkin (broen gjør ikke det selv).",
        "en": "Delete person {id} in Zetkin (the bridge does not do that itself).",
    },
    "admin.erase.confirm_label": {
        "nb": "Skriv {id} for å bekrefte",
        "en": "Type {id} to confirm",
    },
    "admin.erase.confirm": {"nb": "Slett fra registeret", "en": "Erase from the ledger"},
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
