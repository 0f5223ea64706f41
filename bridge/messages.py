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
    "retry.still_waiting": {
        "nb": "{system} ({host}) har ikke svart på {waited} s, venter til {timeout} s",
        "en": "{system} ({host}) has not answered in {waited} s, waiting up to {timeout} s",
    },
    "sheets.unreachable": {
        "nb": "fikk ikke kontakt med Google Sheets på {host} ({kind})",
        "en": "could not reach Google Sheets at {host} ({kind})",
    },
    "sheets.answered": {
        "nb": "Google Sheets ({host}) svarte {status}: {message}",
        "en": "Google Sheets ({host}) answered {status}: {message}",
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
    # --- command-line help (issue 13: --help in the configured language) ---
    "help.cmd.bridge": {
        "nb": "Hold en avdelings Zetkin-organisasjon og styrets Google-regneark i takt.\n\n"
        "Begynn med `bridge demo` for å se den virke på en oppdiktet avdeling, eller "
        "`bridge check --config FIL` for å sjekke din egen konfigurasjon.",
        "en": "Keep a branch's Zetkin organisation and the board's Google Sheets in step.\n\n"
        "Start with `bridge demo` to see it work on a fictional branch, or "
        "`bridge check --config FILE` to validate your own configuration.",
    },
    "help.cmd.demo": {
        "nb": "Kjør broen på en oppdiktet avdeling med lokale stand-ins.\n\n"
        "Zetkin og Google Sheets simuleres på denne maskinen, loggboka er SQLite, og jobbene "
        "kjører i samme prosess. Viser radene styret bør se på, innmeldingene som venter, og "
        "hva en holdt kjøring betyr og hvordan den godkjennes.",
        "en": "Run the bridge on a seeded fictional branch with local stand-ins.\n\n"
        "Zetkin and Google Sheets are simulated on this machine, the ledger is SQLite, and the "
        "jobs run in-process. Prints the rows the board should look at, the pending join "
        "submissions, and what a held run means and how to approve it.",
    },
    "help.opt.demo.once": {
        "nb": "Kjør én hel syklus, skriv et sammendrag og avslutt.",
        "en": "Run one full cycle, print a summary and exit.",
    },
    "help.opt.demo.size": {
        "nb": "Antall personer i den oppdiktede avdelingen (0 eller flere).",
        "en": "Number of people in the fictional branch (0 or more).",
    },
    "help.opt.demo.workdir": {
        "nb": "Der demoen har konfigurasjon og loggbok, og som beholdes etterpå (standard: en "
        "midlertidig mappe som fjernes til slutt).",
        "en": "Where the demo keeps its config and ledger, kept afterwards (default: a temporary "
        "folder, removed at the end).",
    },
    "help.cmd.sandbox": {
        "nb": "Kjør lokale stand-ins for Zetkin- og Google Sheets-API-ene til du avbryter.\n\n"
        "Skriver ut adressene, et tilgangstoken for Zetkin-stand-in-en, id-en til regnearket "
        "og en konfigurasjonsfil som peker broen mot dem.",
        "en": "Serve local stand-ins for the Zetkin and Google Sheets APIs until interrupted.\n\n"
        "Prints their URLs, a bearer token valid on the Zetkin stand-in, the seeded spreadsheet "
        "id and a config file pointing the bridge at them.",
    },
    "help.opt.sandbox.seed": {
        "nb": "demo: den oppdiktede avdelingen; empty: felt og tagger, ingen personer, "
        "arbeidsboka med bare overskrifter; blank: avdelingen i Zetkin og et tomt regneark "
        "(prøv `bridge init-sheet`).",
        "en": "demo: the fictional branch; empty: defined fields and tags, no people, the "
        "workbook with headers only; blank: the fictional branch in Zetkin and an empty "
        "spreadsheet (try `bridge init-sheet`).",
    },
    "help.opt.sandbox.size": {
        "nb": "Antall oppdiktede personer (demo-utvalget).",
        "en": "Number of fictional people (demo seed).",
    },
    "help.opt.sandbox.seed_number": {"nb": "Tilfeldig frø.", "en": "Random seed."},
    "help.opt.sandbox.as_json": {
        "nb": "Skriv først én JSON-linje, og kjør så.",
        "en": "Print one JSON line first, then serve.",
    },
    "help.opt.sandbox.workdir": {
        "nb": "Hvor konfigurasjonen skrives (standard: en midlertidig mappe).",
        "en": "Where to write the generated config (default: a temporary folder).",
    },
    "help.cmd.sync": {
        "nb": "Kjør én jobb, eller alle påslåtte jobber (``all``), som én syklus per avdeling."
        "\n\nHver syklus kjører under avdelingens lås, som arbeidernes gjør. Avslutningskode: "
        "0 når alle sykluser gikk bra, 1 når én feilet, 3 når én ble holdt for godkjenning "
        "(en masseendring eller en tom eller ufullstendig henting), 4 når én ble hoppet over "
        "fordi en annen kjøring hadde låsen.",
        "en": "Run one job, or every enabled job (``all``), as one branch cycle.\n\n"
        "Every cycle runs under the branch lock, as the worker's do. Exit status: 0 when every "
        "cycle succeeded, 1 when one failed, 3 when one was held for approval (a mass change or "
        "an empty or partial pull), 4 when one was skipped because another run held the lock.",
    },
    "help.opt.config_path": {
        "nb": "Stien til broens TOML-konfigurasjon (eller sett BRIDGE_CONFIG).",
        "en": "Path to the bridge's TOML configuration (or set BRIDGE_CONFIG).",
    },
    "help.opt.sync.branch_name": {
        "nb": "Bare denne avdelingen (standard: alle).",
        "en": "Only this branch (default: all).",
    },
    "help.opt.sync.dry_run": {
        "nb": "Bare planlegg: vis hva som ville endres, skriv ingenting.",
        "en": "Plan only: show what would change, write nothing.",
    },
    "help.opt.sync.as_json": {
        "nb": "Skriv resultatene som JSON.",
        "en": "Print the results as JSON.",
    },
    "help.opt.sync.approve": {
        "nb": "Utfør planen en holdt kjøring laget, hvis kildene ikke er endret siden.",
        "en": "Apply the plan a held run made, if the sources have not changed since.",
    },
    "help.opt.sync.now_text": {
        "nb": "Kjør som om klokka var dette lokale tidspunktet, som 2026-12-14T10:00 (bare der "
        "konfigurasjonen har allow_clock_override = true, som sandkassens har).",
        "en": "Run as if at this local time, like 2026-12-14T10:00 (only where the config has "
        "allow_clock_override = true, as the sandbox's has).",
    },
    "help.cmd.check": {
        "nb": "Sjekk konfigurasjonen, datamappa og loggboka, nå Zetkin og regnearkene, og sjekk "
        "overskriftene.\n\nAvslutter med 0 når alt er i orden (styrets egne kolonner er "
        "merknader, ikke feil), ellers med 1 og alle problemene listet. Zetkin-forsøkene er "
        "korte her, så et system som ikke svarer meldes i løpet av sekunder.",
        "en": "Validate the configuration, the data folder and the ledger, reach Zetkin and the "
        "spreadsheets, and check the headers.\n\nExits 0 when everything is in order (the "
        "board's own columns are notices, not problems), 1 with every problem listed otherwise. "
        "The Zetkin retry cap is short here, so an unreachable system is reported in seconds.",
    },
    "help.opt.check.offline": {
        "nb": "Bare sjekk fila; ikke kontakt systemene.",
        "en": "Only validate the file; do not reach the systems.",
    },
    "help.cmd.init-sheet": {
        "nb": "Lag standardarbeidsbokas faner og overskrifter i hver avdelings regneark.\n\n"
        "Faner som allerede har innhold overskrives aldri: det regnearket avvises.",
        "en": "Create the default workbook's tabs and headers in each branch's spreadsheet.\n\n"
        "Tabs that already hold anything are never overwritten: that spreadsheet is refused.",
    },
    "help.cmd.admin": {
        "nb": "Kjør adminsiden (synkstatus, radfeil, godkjenninger, tall, personvern).",
        "en": "Serve the admin page (sync status, row errors, approvals, measures, privacy).",
    },
    "help.cmd.worker": {
        "nb": "Start en Celery-arbeider som kjører avdelingenes jobber.\n\n"
        "Arbeideren tar jobber fra køen `bridge` i Redis-en konfigurasjonen peker på "
        "(`redis_url` eller BRIDGE_REDIS_URL); `bridge beat` legger dem der etter timeplanen. "
        "En jobb holder en lås per avdeling, så mange arbeidere kan kjøre side om side uten at "
        "to synker samme avdeling samtidig. En jobb hvis arbeiderprosess dør, kjøres på nytt. "
        "Stopp med Ctrl-C: den gjør ferdig jobbene den holder på med først (trykk to ganger "
        "for å stoppe straks).",
        "en": "Start a Celery worker that runs the branch jobs.\n\n"
        "The worker takes jobs from the `bridge` queue in the Redis named by the configuration "
        "(`redis_url` or BRIDGE_REDIS_URL); `bridge beat` puts them there on schedule. A job "
        "holds a per-branch lock, so any number of workers can run side by side without two of "
        "them syncing the same branch at once. A job whose worker process dies is run again. "
        "Stop the worker with Ctrl-C: it finishes the jobs it is running first (press twice to "
        "stop at once).",
    },
    "help.opt.worker.concurrency": {
        "nb": "Hvor mange jobber denne arbeideren kjører samtidig (én prosess hver).",
        "en": "How many jobs this worker runs at once (one process each).",
    },
    "help.opt.loglevel": {
        "nb": "DEBUG, INFO, WARNING eller ERROR (standard: konfigurasjonens log_level).",
        "en": "DEBUG, INFO, WARNING or ERROR (default: the config's log_level).",
    },
    "help.opt.worker.hostname": {
        "nb": "Arbeiderens navn, unikt per arbeider på samme Redis (%h er vertsnavnet).",
        "en": "The worker's name, unique per worker on the same Redis (%h is the host name).",
    },
    "help.cmd.beat": {
        "nb": "Start Celery beat, som legger jobbene i kø etter konfigurasjonens timeplan.\n\n"
        "Hver avdelings påslåtte jobber køes hver `every` (for eksempel "
        '`[branch.jobs.reconcile] every = "10m"`) for `bridge worker`. Kjør nøyaktig én beat '
        "per Redis: to ville køe hver jobb to ganger (låsen holder kjøringene fra hverandre, "
        "men det er bortkastet arbeid). En kjøring som ble borte mens beat var nede, tas ikke "
        "igjen; den neste kommer i tide.",
        "en": "Start the Celery beat that schedules the jobs from the configuration.\n\n"
        "Each branch's enabled jobs are queued every `every` (for example "
        '`[branch.jobs.reconcile] every = "10m"`) for `bridge worker` to run. Run exactly one '
        "beat per Redis: two would queue every job twice (the branch lock keeps the runs "
        "apart, but it is wasted work). A run missed while the beat was down is not made up "
        "for; the next one comes on time.",
    },
    "help.cmd.db": {
        "nb": "Stell loggbokas database (kjørehistorikk, feil, koblinger, revisjonslogg).",
        "en": "Manage the ledger database (run history, errors, links, audit).",
    },
    "help.cmd.db.upgrade": {
        "nb": "Kjør alle ventende migreringer på loggboka (og lag den hvis den er tom).",
        "en": "Apply every pending migration to the ledger (creating it if it is empty).",
    },
    "help.opt.db.config_path": {
        "nb": "Broens TOML-konfigurasjon; database_url derfra brukes (eller sett BRIDGE_CONFIG).",
        "en": "The bridge's TOML configuration; its database_url is used (or set BRIDGE_CONFIG).",
    },
    "help.opt.db.url": {
        "nb": "En database-URL i stedet for en konfigurasjon, f.eks. "
        "sqlite:///data/bridge.sqlite3 eller postgresql+psycopg://bruker@vert/db.",
        "en": "A database URL instead of a config, e.g. sqlite:///data/bridge.sqlite3 or "
        "postgresql+psycopg://user@host/db.",
    },
    "help.cmd.db.downgrade": {
        "nb": "Angre migreringer ned til en revisjon (for å gå tilbake etter en dårlig utgivelse).",
        "en": "Undo migrations down to a revision (for stepping back after a bad release).",
    },
    "help.opt.db.downgrade.revision": {
        "nb": 'Revisjonen å gå tilbake til; "base" fjerner alle loggbokas tabeller.',
        "en": 'The revision to step back to; "base" removes every ledger table.',
    },
    "help.cmd.db.current": {
        "nb": "Vis loggbokas revisjon og den nyeste denne versjonen av broen har med.",
        "en": "Show the ledger's revision and the newest one this version of the bridge ships.",
    },
    "help.cmd.zetkin": {"nb": "Oppgaver for Zetkin-kontoen.", "en": "Zetkin account tasks."},
    "help.cmd.zetkin.login": {
        "nb": 'Si hvilken Zetkin-innlogging som brukes; for "oauth": kjør engangsflyten og '
        "lagre nøkkelparet.",
        "en": 'Say which Zetkin auth is used; for "oauth", run the one-time flow and store the '
        "pair.",
    },
    "help.opt.zetkin.login.code": {
        "nb": "En autorisasjonskode du allerede har (hopper over nettleser-steget).",
        "en": "An authorization code you already have (skips the browser step).",
    },
    "help.opt.zetkin.login.paste": {
        "nb": "Lim inn koden i stedet for å fange omdirigeringen.",
        "en": "Paste the code instead of catching the redirect.",
    },
    "help.opt.zetkin.login.wait": {
        "nb": "Sekunder å vente på omdirigeringen til maskinen selv.",
        "en": "Seconds to wait for the loopback redirect.",
    },
    "help.cmd.init": {
        "nb": "Sett opp en avdeling steg for steg: Zetkin, regnearket, konfigurasjonen, en "
        "sjekk og en prøvekjøring. Hvert svar kan også gis som et valg (se --help); "
        "--no-input spør aldri.",
        "en": "Set up a branch step by step: Zetkin, the spreadsheet, the config, a check and a "
        "dry run. Every answer is also a flag (see --help); --no-input never asks.",
    },
    "help.opt.init.folder": {
        "nb": "Mappa for bridge.toml og secrets.env.",
        "en": "Folder for bridge.toml and secrets.env.",
    },
    "help.opt.init.language": {"nb": "nb (standard) eller en.", "en": "nb (default) or en."},
    "help.opt.init.no_input": {
        "nb": "Spør aldri: ta hvert svar fra valgene.",
        "en": "Never ask: take every answer from the flags.",
    },
    "help.opt.init.use_sandbox": {
        "nb": "Gå gjennom stegene mot stand-ins.",
        "en": "Walk the steps against stand-ins.",
    },
    "help.opt.init.sandbox_seed": {
        "nb": "Med --sandbox: et tomt regneark, eller demoens medlemsark.",
        "en": "With --sandbox: an empty spreadsheet, or the demo's member sheet.",
    },
    "help.opt.init.branch_name": {
        "nb": "Avdelingens korte, unike navn.",
        "en": "The branch's short unique name.",
    },
    "help.opt.init.districts": {
        "nb": 'Bydeler, skilt med komma ("-" for ingen).',
        "en": 'Districts, comma-separated ("-" for none).',
    },
    "help.opt.init.zetkin_url": {
        "nb": "Zetkin-API-et (standard https://api.zetk.in).",
        "en": "Zetkin API (default https://api.zetk.in).",
    },
    "help.opt.init.auth": {"nb": "api_key eller oauth.", "en": "api_key or oauth."},
    "help.opt.init.client_id": {
        "nb": "Broens OAuth-klient-id i Zetkin.",
        "en": "The bridge's Zetkin OAuth client id.",
    },
    "help.opt.init.client_secret": {
        "nb": "Klientens hemmelighet (lagres i secrets.env).",
        "en": "Its secret (goes to secrets.env).",
    },
    "help.opt.init.api_key": {
        "nb": "Zetkin-API-nøkkelen (lagres i secrets.env).",
        "en": "The Zetkin API key (goes to secrets.env).",
    },
    "help.opt.init.login_code": {
        "nb": "En OAuth-kode (--zetkin-auth oauth).",
        "en": "An OAuth code (--zetkin-auth oauth).",
    },
    "help.opt.init.org_id": {
        "nb": "Id-en til organisasjonen i Zetkin.",
        "en": "The Zetkin organisation id.",
    },
    "help.opt.init.member_tag": {
        "nb": "Zetkin-taggen som markerer medlemmer.",
        "en": "The Zetkin tag that marks members.",
    },
    "help.opt.init.joined_field": {
        "nb": "Det egendefinerte feltet med innmeldingsdatoen.",
        "en": "The custom field with the join date.",
    },
    "help.opt.init.district_field": {
        "nb": "Det egendefinerte feltet med bydelen.",
        "en": "The custom field with the district.",
    },
    "help.opt.init.credentials": {
        "nb": "JSON-nøkkelfila til tjenestekontoen.",
        "en": "The service account's JSON key file.",
    },
    "help.opt.init.spreadsheet": {
        "nb": "Regnearkets adresse (URL) eller id.",
        "en": "The spreadsheet's URL or id.",
    },
    "help.opt.init.sheets_url": {
        "nb": "Adressen til en Sheets-stand-in.",
        "en": "A Sheets stand-in's URL.",
    },
    "help.opt.init.skip_check": {
        "nb": "Skriv konfigurasjonen; ingen sjekk eller prøvekjøring.",
        "en": "Write the config; no check or dry run.",
    },
    "help.opt.init.embed_key": {
        "nb": "Legg selve nøkkelens JSON i secrets.env (for en container), ikke stien.",
        "en": "Put the key's JSON itself in secrets.env (for a container), not its path.",
    },
    "help.opt.demo.with_admin": {
        "nb": "Kjør så adminsiden på http://127.0.0.1:5000 med en engangsinnlogging.",
        "en": "Then serve the admin page on http://127.0.0.1:5000 with a one-time login.",
    },
    "help.opt.admin.host": {
        "nb": "Adressen siden lytter på (standard: admin.host).",
        "en": "Address to listen on (default: admin.host).",
    },
    "help.opt.admin.port": {"nb": "Port (admin.port).", "en": "Port (admin.port)."},
    "help.cmd.admin.add-user": {
        "nb": "Legg til en bruker i loggboka (eller endre passord og rolle); spør etter passordet.",
        "en": "Add a user to the ledger (or change one's password and role); asks for the "
        "password.",
    },
    "help.cmd.admin.hash-password": {
        "nb": "Skriv ut en passord-hash for [[admin.users]] i konfigurasjonen (passordet spørres "
        "etter).",
        "en": "Print a password hash for [[admin.users]] in the config (the password is asked "
        "for).",
    },
    "help.cmd.report": {
        "nb": "Dokumenter laget fra avdelingens regneark.",
        "en": "Documents made from the branch's sheet.",
    },
    "help.cmd.report.innspill": {
        "nb": "Det velgerne sa på døra, gruppert etter tema og bydel, med rundenes datoer.",
        "en": "What voters said at the door, grouped by theme and district, with the round dates.",
    },
    "help.opt.report.innspill.branch_name": {
        "nb": "Avdelingen (standard: den første).",
        "en": "The branch (default: the first).",
    },
    "help.opt.report.innspill.output": {
        "nb": "Fila som skrives (standard: standard ut; innspill.docx for docx).",
        "en": "File to write (default: standard output; innspill.docx for docx).",
    },
    "help.click.usage": {"nb": "Bruk:", "en": "Usage:"},
    "help.click.options": {"nb": "Valg", "en": "Options"},
    "help.click.commands": {"nb": "Kommandoer", "en": "Commands"},
    "help.click.required": {"nb": "påkrevd", "en": "required"},
    "help.click.default": {"nb": "standard", "en": "default"},
    "help.click.help": {"nb": "Vis denne hjelpen og avslutt.", "en": "Show this message and exit."},
    "help.click.version": {
        "nb": "Vis versjonen og avslutt.",
        "en": "Show the version and exit.",
    },
    # --- bridge init (issue 18) ---
    "init.intro": {
        "nb": "Dette setter opp broen for én avdeling: avdelingen, Zetkin, Google-regnearket, så "
        "en sjekk og en prøvekjøring.\nSvarene lagres i {config}, hemmelighetene i {secrets} "
        "(bare lesbar for deg).\nKjør `bridge init` igjen når som helst: det som alt er svart på, "
        "spørres det ikke om igjen.",
        "en": "This sets the bridge up for one branch: the branch, Zetkin, the Google spreadsheet, "
        "then a check and a dry run.\nThe answers go to {config}, the secrets to {secrets} "
        "(readable by you only).\nRun `bridge init` again at any time: what is already answered "
        "is not asked again.",
    },
    "init.existing": {
        "nb": "Leser {config}: bare det som mangler spørres det om.",
        "en": "Reading {config}: only what is missing is asked for.",
    },
    "init.sandbox": {
        "nb": "Sandkasse: Zetkin og Google Sheets er lokale stand-ins, ingen konto trengs. "
        "Svarene deres står som forslag; trykk Enter for å ta dem.",
        "en": "Sandbox: Zetkin and Google Sheets are local stand-ins, no account needed. Their "
        "answers are offered as defaults; press Enter to take them.",
    },
    "init.sandbox_answers": {
        "nb": "  Zetkin-klient: {client_id} / {client_secret}, API-nøkkel: {api_key}\n"
        "  Nøkkelfil for tjenestekontoen: {key_file}\n  Regnearket: {spreadsheet}",
        "en": "  Zetkin client: {client_id} / {client_secret}, API key: {api_key}\n"
        "  Service-account key file: {key_file}\n  The spreadsheet: {spreadsheet}",
    },
    "init.sandbox_done": {
        "nb": "Sandkassen stoppes nå, så {config} peker ikke lenger på noe som svarer. "
        "Prøv igjen med `bridge init --sandbox`, eller se broen i drift med `bridge demo`.",
        "en": "The sandbox stops now, so {config} no longer points at anything that answers. "
        "Try again with `bridge init --sandbox`, or watch the bridge run with `bridge demo`.",
    },
    "init.step.branch": {"nb": "1/5 Avdelingen", "en": "1/5 The branch"},
    "init.step.zetkin": {"nb": "2/5 Zetkin", "en": "2/5 Zetkin"},
    "init.step.google": {"nb": "3/5 Google-regnearket", "en": "3/5 The Google spreadsheet"},
    "init.step.write": {"nb": "4/5 Konfigurasjonen", "en": "4/5 The configuration"},
    "init.step.check": {
        "nb": "5/5 Sjekk og prøvekjøring",
        "en": "5/5 Check and dry run",
    },
    "init.ask.branch_name": {
        "nb": "Avdelingens navn (kort og unikt)",
        "en": "The branch's name (short and unique)",
    },
    "init.ask.districts": {
        "nb": "Bydelene avdelingen dekker, skilt med komma (- for ingen)",
        "en": "The districts the branch covers, separated by commas (- for none)",
    },
    "init.ask.zetkin_auth": {
        "nb": "Innlogging i Zetkin: api_key (API-nøkkel, for drift etter timeplan) eller oauth "
        "(innlogging i nettleseren)",
        "en": "Zetkin login: api_key (an API key, for a scheduled deployment) or oauth (log in "
        "in the browser)",
    },
    "init.ask.client_id": {
        "nb": "Broens Zetkin-klient-id (fra Zetkin Foundation)",
        "en": "The bridge's Zetkin client id (from Zetkin Foundation)",
    },
    "init.ask.client_secret": {
        "nb": "Klienthemmeligheten (vises ikke)",
        "en": "The client secret (not shown)",
    },
    "init.ask.api_key": {"nb": "API-nøkkelen (vises ikke)", "en": "The API key (not shown)"},
    "init.ask.org": {
        "nb": "Velg organisasjon (nummeret i lista eller org-id-en)",
        "en": "Pick the organisation (its number in the list or its org id)",
    },
    "init.ask.member_tag": {
        "nb": "Taggen som merker medlemmer",
        "en": "The tag that marks members",
    },
    "init.ask.joined_field": {
        "nb": "Det egendefinerte feltet med innmeldingsdatoen",
        "en": "The custom field holding the join date",
    },
    "init.ask.district_field": {
        "nb": "Det egendefinerte feltet med bydelen",
        "en": "The custom field holding the district",
    },
    "init.ask.credentials": {
        "nb": "Stien til tjenestekontoens JSON-nøkkelfil",
        "en": "The path of the service account's JSON key file",
    },
    "init.ask.spreadsheet": {
        "nb": "Regnearket: lim inn adressen (URL) eller id-en",
        "en": "The spreadsheet: paste its address (URL) or its id",
    },
    "init.ask.retry": {
        "nb": "Trykk Enter for å prøve igjen, eller skriv et annet svar",
        "en": "Press Enter to try again, or type another answer",
    },
    "init.ask.init_sheet": {
        "nb": "Regnearket er tomt. Lage fanene og overskriftene nå (som `bridge init-sheet`)?",
        "en": "The spreadsheet is empty. Create the tabs and headers now (as `bridge init-sheet`)?",
    },
    "init.ask.mapping": {
        "nb": "Lese kolonnen «{found}» som «{header}» i fanen «{tab}»?",
        "en": "Read the column «{found}» as «{header}» in the tab «{tab}»?",
    },
    "init.ask.tab_mapping": {
        "nb": "Bruke fanen «{found}» som «{tab}»?",
        "en": "Use the tab «{found}» as «{tab}»?",
    },
    "init.needs_flag": {
        "nb": "Mangler svar på «{what}»: gi det med {flag}.",
        "en": "No answer for «{what}»: give it with {flag}.",
    },
    "init.choice_bad": {
        "nb": "«{answer}» er ikke et av valgene: {choices}.",
        "en": "«{answer}» is not one of the choices: {choices}.",
    },
    "init.empty_bad": {"nb": "Svaret kan ikke være tomt.", "en": "The answer cannot be empty."},
    "init.zetkin_refused": {
        "nb": "Zetkin godtok ikke innloggingen: {error}\n  Sjekk klient-id-en, hemmeligheten og "
        "API-nøkkelen fra Zetkin Foundation, og prøv igjen.",
        "en": "Zetkin refused the login: {error}\n  Check the client id, the secret and the API "
        "key from Zetkin Foundation, and try again.",
    },
    "init.zetkin_level1": {
        "nb": "Zetkin ga et token på nivå {level}, men broen trenger nivå 2 for å skrive "
        "(tofaktorinnlogging).\n  Med API-nøkkel: be Zetkin Foundation om en nøkkel med scope "
        "level2 for en organisatorkonto med tofaktorinnlogging slått på.\n  Med innlogging i "
        "nettleseren: slå på tofaktorinnlogging i Zetkin og logg inn igjen.",
        "en": "Zetkin granted a token at level {level}, but the bridge needs level 2 to write "
        "(two-factor login).\n  With an API key: ask Zetkin Foundation for a key with the "
        "level2 scope for an organiser account with two-factor login turned on.\n  With the "
        "browser login: turn on two-factor login in Zetkin and log in again.",
    },
    "init.zetkin_unreachable": {
        "nb": "Zetkin svarer ikke på {url}: {error}\n  Sjekk adressen (--zetkin-url) og "
        "nettverket, og kjør bridge init igjen.",
        "en": "Zetkin does not answer at {url}: {error}\n  Check the address (--zetkin-url) and "
        "the network, and run bridge init again.",
    },
    "init.zetkin_ok": {
        "nb": "Zetkin: innlogget på nivå {level}.",
        "en": "Zetkin: logged in at level {level}.",
    },
    "init.login_sandbox": {
        "nb": "(Sandkassen godkjenner innloggingen selv.)",
        "en": "(The sandbox approves the login by itself.)",
    },
    "init.orgs_header": {
        "nb": "Organisasjonene kontoen er med i:",
        "en": "The organisations the account belongs to:",
    },
    "init.org_line": {
        "nb": "  {number}. {title} (id {id}, {role})",
        "en": "  {number}. {title} (id {id}, {role})",
    },
    "init.org_unusable": {
        "nb": "  -  {title} (id {id}): bare medlem; broen trenger rollen organisator eller "
        "administrator",
        "en": "  -  {title} (id {id}): member only; the bridge needs the organizer or admin role",
    },
    "init.no_orgs": {
        "nb": "Kontoen er ikke organisator eller administrator i noen organisasjon. Be en "
        "administrator i avdelingen gi kontoen organisatorrollen i Zetkin, og kjør bridge init "
        "igjen.",
        "en": "The account is no organiser or admin of any organisation. Ask an admin of the "
        "branch to give the account the organizer role in Zetkin, and run bridge init again.",
    },
    "init.org_bad": {
        "nb": "«{answer}» er ikke en av organisasjonene over; skriv nummeret eller id-en.",
        "en": "«{answer}» is not one of the organisations above; type its number or id.",
    },
    "init.org_picked": {
        "nb": "Zetkin-organisasjonen: {title} (id {id}).",
        "en": "The Zetkin organisation: {title} (id {id}).",
    },
    "init.tags_found": {
        "nb": "Tagger i organisasjonen: {tags}",
        "en": "Tags in the organisation: {tags}",
    },
    "init.fields_found": {
        "nb": "Egendefinerte felt i organisasjonen: {fields}",
        "en": "Custom fields in the organisation: {fields}",
    },
    "init.tag_missing": {
        "nb": "Taggen «{tag}» finnes ikke i organisasjonen. Velg en av taggene over, eller lag "
        "den i Zetkin først.",
        "en": "The tag «{tag}» does not exist in the organisation. Pick one of the tags above, "
        "or create it in Zetkin first.",
    },
    "init.field_missing": {
        "nb": "Feltet «{field}» finnes ikke i organisasjonen. Velg et av feltene over (id-en, "
        "som «innmeldt»).",
        "en": "The field «{field}» does not exist in the organisation. Pick one of the fields "
        "above (its slug, like «innmeldt»).",
    },
    "init.none": {"nb": "ingen", "en": "none"},
    "init.key_unreadable": {
        "nb": "Nøkkelfilen {path} kan ikke leses ({reason}). Sjekk stien og at du har "
        "lesetilgang til filen.",
        "en": "The key file {path} cannot be read ({reason}). Check the path and that you may "
        "read the file.",
    },
    "init.key_invalid": {
        "nb": "{path} er ikke en nøkkelfil for en tjenestekonto ({reason}). Last ned en ny: "
        "Google Cloud → IAM og administrasjon → Tjenestekontoer → kontoen → Nøkler → Legg til "
        "nøkkel → Opprett ny nøkkel → JSON.",
        "en": "{path} is not a service account's key file ({reason}). Download a new one: "
        "Google Cloud → IAM & Admin → Service accounts → the account → Keys → Add key → "
        "Create new key → JSON.",
    },
    "init.key_reason.json": {"nb": "ikke gyldig JSON", "en": "not valid JSON"},
    "init.key_reason.type": {
        "nb": "«type» er ikke «service_account»",
        "en": "«type» is not «service_account»",
    },
    "init.key_reason.fields": {
        "nb": "mangler {fields}",
        "en": "lacks {fields}",
    },
    "init.key_reason.private_key": {
        "nb": "den private nøkkelen kan ikke leses",
        "en": "the private key cannot be read",
    },
    "init.key_email": {
        "nb": "Tjenestekontoens adresse: {email}\n  → del regnearket med denne adressen "
        "(redigeringstilgang).",
        "en": "The service account's address: {email}\n  → share the spreadsheet with this "
        "address (editor access).",
    },
    "init.sheet_bad_id": {
        "nb": "«{answer}» ser ikke ut som adressen eller id-en til et regneark (id-en er den "
        "lange delen etter /d/ i adressen).",
        "en": "«{answer}» does not look like a spreadsheet's address or id (the id is the long "
        "part after /d/ in the address).",
    },
    "init.sheet_403": {
        "nb": "Tjenestekontoen får ikke åpne regnearket {id} (403): det er ikke delt med den.\n"
        "  Åpne regnearket i Google Sheets → Del → legg til {email} som redigerer → Send.",
        "en": "The service account may not open the spreadsheet {id} (403): it is not shared "
        "with it.\n  Open the spreadsheet in Google Sheets → Share → add {email} as an editor "
        "→ Send.",
    },
    "init.sheets_api_off": {
        "nb": "Google Sheets API er ikke slått på i tjenestekontoens prosjekt (403). Google "
        "Cloud → API-er og tjenester → Bibliotek → Google Sheets API → Aktiver; vent et minutt "
        "og prøv igjen.",
        "en": "The Google Sheets API is not enabled in the service account's project (403). "
        "Google Cloud → APIs & Services → Library → Google Sheets API → Enable; wait a minute "
        "and try again.",
    },
    "init.sheet_404": {
        "nb": "Fant ikke noe regneark med id-en {id} (404): id-en er feil. Kopier adressen fra "
        "nettleseren mens regnearket er åpent.",
        "en": "No spreadsheet has the id {id} (404): the id is wrong. Copy the address from the "
        "browser while the spreadsheet is open.",
    },
    "init.sheet_failed": {
        "nb": "Google Sheets svarte ikke som ventet: {error}",
        "en": "Google Sheets did not answer as expected: {error}",
    },
    "init.sheet_ok": {
        "nb": "Regnearket {id} kan åpnes; faner: {tabs}.",
        "en": "The spreadsheet {id} opens; tabs: {tabs}.",
    },
    "init.sheet_skipped": {
        "nb": "Fanene ble ikke laget; kjør `bridge init-sheet --config {config}` når du vil.",
        "en": "No tabs were made; run `bridge init-sheet --config {config}` when you like.",
    },
    "init.tabs_missing": {
        "nb": "Disse fanene mangler: {tabs}. `bridge check` melder dem til de finnes (med de "
        "navnene).",
        "en": "These tabs are missing: {tabs}. `bridge check` reports them until they exist "
        "(with those names).",
    },
    "init.header_missing": {
        "nb": "Fanen «{tab}» mangler kolonnen «{header}».",
        "en": "The tab «{tab}» lacks the column «{header}».",
    },
    "init.header_renamed": {
        "nb": "Fanen «{tab}»: «{header}» mangler, men kolonnen «{found}» ligner (omdøpt?).",
        "en": "The tab «{tab}»: «{header}» is missing, but the column «{found}» is close "
        "(renamed?).",
    },
    "init.tab_renamed": {
        "nb": "Fanen «{tab}» mangler, men fanen «{found}» ligner (omdøpt?).",
        "en": "The tab «{tab}» is missing, but the tab «{found}» is close (renamed?).",
    },
    "init.mapping_saved": {
        "nb": "Tatt med i konfigurasjonen: {what}",
        "en": "Put in the configuration: {what}",
    },
    "init.headers_ok": {
        "nb": "Fanene og overskriftene er i orden.",
        "en": "The tabs and headers are in order.",
    },
    "init.board_columns": {
        "nb": "Styrets egne kolonner (broen skriver aldri i dem): {columns}",
        "en": "The board's own columns (the bridge never writes them): {columns}",
    },
    "init.written": {
        "nb": "Skrev {config} (med eksempelets kommentarer) og {secrets} (modus 0600, "
        "hemmelighetene).",
        "en": "Wrote {config} (with the example's comments) and {secrets} (mode 0600, the "
        "secrets).",
    },
    "init.config_problems": {
        "nb": "Konfigurasjonen som ble skrevet, lastes ikke:",
        "en": "The configuration written does not load:",
    },
    "init.check_failed": {
        "nb": "`bridge check` fant {count} problem(er); rett dem og kjør `bridge init` igjen:",
        "en": "`bridge check` found {count} problem(s); fix them and run `bridge init` again:",
    },
    "init.check_ok": {"nb": "`bridge check` er fornøyd.", "en": "`bridge check` is satisfied."},
    "init.dry_run": {
        "nb": "Prøvekjøring av hele runden for {branch} (ingenting skrives):",
        "en": "Dry run of the whole cycle for {branch} (nothing is written):",
    },
    "init.dry_counts": {
        "nb": "  Medlemmer som ville blitt lagt til i arket:   {appended}\n"
        "  Personer som ville blitt opprettet i Zetkin:  {created}\n"
        "  Rader som ville blitt oppdatert:              {updated}",
        "en": "  Members who would be appended to the sheet:  {appended}\n"
        "  People who would be created in Zetkin:        {created}\n"
        "  Rows that would be updated:                   {updated}",
    },
    "init.dry_rows": {
        "nb": "  Rader med problemer ({count}), vises i Synkstatus etter en ekte runde:",
        "en": "  Rows with problems ({count}), shown in Synkstatus after a real cycle:",
    },
    "init.dry_row": {"nb": "    {tab} {cell}: {message}", "en": "    {tab} {cell}: {message}"},
    "init.dry_no_rows": {"nb": "  Ingen rader med problemer.", "en": "  No rows with problems."},
    "init.dry_failed": {
        "nb": "Prøvekjøringen feilet: {error}",
        "en": "The dry run failed: {error}",
    },
    "init.dry_held": {
        "nb": "En ekte runde ville blitt holdt tilbake for godkjenning: {reason}",
        "en": "A real cycle would be held for approval: {reason}",
    },
    "init.done": {
        "nb": "Ferdig. `bridge sync all --config {config}` kjører en ekte runde; `bridge worker` "
        "kjører rundene etter timeplan.",
        "en": "Done. `bridge sync all --config {config}` runs a real cycle; `bridge worker` runs "
        "the cycles on a schedule.",
    },
    # --- calls: mirrors, tab per caller (issue 14) ---
    "calls.round.not_mirrored": {
        "nb": "Ikke speilet i Zetkin: «{word}» har ingen Smart Search-form",
        "en": "Not mirrored in Zetkin: “{word}” has no Smart Search form",
    },
    "calls.mirror.failed": {
        "nb": "Ringerunden {round} ble ikke speilet i Zetkin: {error}",
        "en": "The call round {round} was not mirrored in Zetkin: {error}",
    },
    "calls.mirror.description": {
        "nb": "Speilet fra fanen Ringerunder av broen. Ikke endre denne linjen: {ref}",
        "en": "Mirrored from the Ringerunder tab by the bridge. Keep this line: {ref}",
    },
    "calls.tab_title": {
        "nb": "{tab} – {caller}",
        "en": "{tab} – {caller}",
    },
    "demo.calls_header": {
        "nb": "Ringelista (fanen «Ringeliste»): {members} nye medlemmer og én ringerunde ga "
        "{rows} rader, fordelt på ringerne etter kapasitet:",
        "en": "The call list (the «Ringeliste» tab): {members} new members and one call round "
        "gave {rows} rows, shared between the callers by capacity:",
    },
    "demo.calls_caller": {
        "nb": "  {caller}: {count} ({kinds})",
        "en": "  {caller}: {count} ({kinds})",
    },
    "demo.calls_round": {
        "nb": "Ringerunden «{round}» i fanen «Ringerunder»: {status}",
        "en": "The call round «{round}» in the «Ringerunder» tab: {status}",
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
    "admin.col.seen": {"nb": "Sett (kjøringer)", "en": "Seen (runs)"},
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
    # --- door-knocking (issue 15) ---
    "dk.num.range": {
        "nb": "«{field}»: «{value}» er et spenn; skriv ett tall",
        "en": "“{field}”: “{value}” is a range; write one number",
    },
    "dk.num.not_number": {
        "nb": "«{field}»: «{value}» er ikke et tall",
        "en": "“{field}”: “{value}” is not a number",
    },
    "dk.num.negative": {
        "nb": "«{field}»: «{value}» er negativt",
        "en": "“{field}”: “{value}” is negative",
    },
    "dk.num.approx": {
        "nb": "«{field}»: «{value}» lest som {n}",
        "en": "“{field}”: “{value}” read as {n}",
    },
    "dk.date.unread": {
        "nb": "Datoen «{value}» kan ikke leses; skriv f.eks. 12.03.2026",
        "en": "The date “{value}” cannot be read; write e.g. 12.03.2026",
    },
    "dk.date.invalid": {
        "nb": "Datoen «{value}» finnes ikke",
        "en": "The date “{value}” does not exist",
    },
    "dk.date.year_added": {
        "nb": "Datoen «{value}» lest som {date}",
        "en": "The date “{value}” read as {date}",
    },
    "dk.district.guessed": {
        "nb": "Bydelen «{value}» lest som {district}",
        "en": "The district “{value}” read as {district}",
    },
    "dk.district.unknown": {
        "nb": "Ukjent bydel «{value}» (kjente: {known})",
        "en": "Unknown district “{value}” (known: {known})",
    },
    "dk.flag.unread": {
        "nb": "Skriv Ja eller Nei i «{field}», ikke «{value}»",
        "en": "Write Yes or No in “{field}”, not “{value}”",
    },
    "dk.round.no_date": {"nb": "Runden mangler dato", "en": "The round has no date"},
    "dk.round.no_district": {"nb": "Runden mangler bydel", "en": "The round has no district"},
    "dk.round.bad_event_id": {
        "nb": "Zetkin-ID «{value}» er ikke et gyldig nummer",
        "en": "Zetkin ID “{value}” is not a valid number",
    },
    "dk.round.id_twice": {
        "nb": "Runde-ID «{value}» står på to rader",
        "en": "Round ID “{value}” is on two rows",
    },
    "dk.round.event_gone": {
        "nb": "Hendelsen {id} finnes ikke i Zetkin-prosjektet; ingen ny er laget",
        "en": "Event {id} is not in the Zetkin project; no new one was made",
    },
    "dk.round.cancelled": {"nb": "Avlyst", "en": "Cancelled"},
    "dk.round.conflict": {
        "nb": "Konflikt: {fields} endret både i arket og i Zetkin; ingenting skrevet",
        "en": "Conflict: {fields} changed both in the sheet and in Zetkin; nothing written",
    },
    "dk.field.day": {"nb": "dato", "en": "date"},
    "dk.field.meeting_point": {"nb": "oppmøtested", "en": "meeting point"},
    "dk.field.cancelled": {"nb": "avlyst", "en": "cancelled"},
    "dk.ref.empty": {"nb": "Mangler runde", "en": "No round given"},
    "dk.ref.none": {
        "nb": "«{value}» passer ingen runde i Dørbankrunder",
        "en": "“{value}” matches no round in Dørbankrunder",
    },
    "dk.ref.two": {
        "nb": "«{value}» passer flere runder ({ids}); skriv Runde-ID",
        "en": "“{value}” matches several rounds ({ids}); write the round ID",
    },
    "dk.result.opened_more": {
        "nb": "Flere åpnet ({opened}) enn banket på ({knocked}): sjekk tallene",
        "en": "More opened ({opened}) than knocked ({knocked}): check the numbers",
    },
    "dk.result.team_twice": {
        "nb": "Laget «{team}» står allerede for denne runden (rad {row}); ikke talt med",
        "en": "Team “{team}” is already entered for this round (row {row}); not counted",
    },
    "dk.result.in_zetkin": {
        "nb": "Laget er allerede talt fra Zetkin (områdeoppdraget); ikke talt to ganger",
        "en": "The team is already counted from Zetkin (the area assignment); not counted twice",
    },
    "dk.input.cut": {
        "nb": "Et innspill var lengre enn {n} tegn og er forkortet i Innspill",
        "en": "An item was longer than {n} characters and is shortened in Innspill",
    },
    "dk.person.no_contact": {
        "nb": "Mangler telefon eller e-post",
        "en": "No phone or e-mail",
    },
    "dk.person.several": {
        "nb": "Telefon/e-post passer flere personer i Zetkin ({ids})",
        "en": "The phone/e-mail matches several people in Zetkin ({ids})",
    },
    "dk.person.twice": {
        "nb": "Samme person står allerede for denne runden (rad {row})",
        "en": "The same person is already entered for this round (row {row})",
    },
    "dk.person.not_found": {
        "nb": "Ikke funnet i Zetkin (oppretting er slått av)",
        "en": "Not found in Zetkin (creating people is switched off)",
    },
    "dk.signup.no_event": {
        "nb": "Runden {round} har ingen hendelse i Zetkin ennå",
        "en": "The round {round} has no event in Zetkin yet",
    },
    "dk.contact.note": {
        "nb": "Ny kontakt fra dørbanking, runde {round}",
        "en": "New contact from door-knocking, round {round}",
    },
    "dk.contact.no_consent": {
        "nb": "Uten samtykke: bare talt med",
        "en": "No consent: counted only",
    },
    "dk.contact.blanked": {
        "nb": "Uten samtykke: personopplysninger slettet",
        "en": "No consent: personal data removed",
    },
    "dk.status.ok": {"nb": "OK", "en": "OK"},
    "dk.status.ok_note": {"nb": "OK ({text})", "en": "OK ({text})"},
    "dk.status.error": {"nb": "Feil: {text}", "en": "Error: {text}"},
    "dk.status.created": {"nb": "OK (opprettet i Zetkin)", "en": "OK (created in Zetkin)"},
    "dk.sum.part_round": {"nb": "Runde", "en": "Round"},
    "dk.sum.part_district": {"nb": "Bydel", "en": "District"},
    "dk.sum.part_year": {"nb": "År", "en": "Year"},
    "dk.sum.part_rule": {"nb": "Regel", "en": "Rule"},
    "dk.sum.no_leader": {"nb": "Mangler dørbankgeneral", "en": "No leader"},
    "dk.sum.unknown": {"nb": "{n} lag mangler tall", "en": "{n} teams lack numbers"},
    "dk.sum.planned": {"nb": "Planlagt", "en": "Planned"},
    "dk.sum.rounds": {"nb": "{n} runder", "en": "{n} rounds"},
    "dk.sum.last_round": {"nb": "Siste runde {date}", "en": "Last round {date}"},
    "dk.sum.stale": {
        "nb": "Ingen runde siste {days} dager",
        "en": "No round in the last {days} days",
    },
    "dk.sum.rounds_goal": {"nb": "{n} runder (mål {goal})", "en": "{n} rounds (goal {goal})"},
    "dk.sum.leaders": {"nb": "{n} ulike", "en": "{n} different"},
    "dk.sum.debriefs": {"nb": "{n} av {of}", "en": "{n} of {of}"},
    "dk.sum.busiest": {
        "nb": "Flest lag ute på én dag: {n}",
        "en": "Most teams out on one day: {n}",
    },
    "dk.sum.none": {"nb": "ingen", "en": "none"},
    "dk.rule.rounds_year": {"nb": "Runder i {year}", "en": "Rounds in {year}"},
    "dk.rule.rounds_value": {
        "nb": "{done} holdt, {planned} planlagt, mål {goal}",
        "en": "{done} held, {planned} planned, goal {goal}",
    },
    "dk.rule.stale": {
        "nb": "Bydeler uten runde siste {days} dager",
        "en": "Districts without a round in the last {days} days",
    },
    "dk.rule.no_leader": {"nb": "Runder uten dørbankgeneral", "en": "Rounds without a leader"},
    "dk.rule.no_debrief": {"nb": "Runder uten debrief", "en": "Rounds without a debrief"},
    "dk.rule.leaders": {"nb": "Ulike dørbankgeneraler i år", "en": "Different leaders this year"},
    "dk.rule.busiest": {"nb": "Flest lag ute på én dag", "en": "Most teams out on one day"},
    "dk.rule.contacts": {"nb": "Nye kontakter i fanen", "en": "New contacts in the tab"},
    "dk.rule.contacts_value": {
        "nb": "{consent} med samtykke, {other} uten (bare talt)",
        "en": "{consent} with consent, {other} without (counted only)",
    },
    "dk.digest.all": {"nb": "Alle bydeler", "en": "All districts"},
    "dk.call_round.purpose": {
        "nb": "Velkommen etter dørbanking",
        "en": "Welcome after door-knocking",
    },
    "dk.report.title": {
        "nb": "Innspill fra dørbanking",
        "en": "Input from door-knocking",
    },
    "dk.report.intro": {
        "nb": "{total} innspill fra {rounds} runder, gruppert etter tema og bydel.",
        "en": "{total} items from {rounds} rounds, grouped by theme and district.",
    },
    "dk.report.items": {"nb": "{n} innspill", "en": "{n} items"},
    "dk.report.dates": {"nb": "Runder: {dates}", "en": "Rounds: {dates}"},
    "dk.held_incomplete": {
        "nb": "holdt: Zetkin-uttrekket var ufullstendig, dørbanking venter",
        "en": "held: the Zetkin pull was incomplete, door-knocking waits",
    },
    "dk.no_project": {
        "nb": "Fant ikke Zetkin-prosjektet «{title}» for dørbanking",
        "en": "The Zetkin project “{title}” for door-knocking was not found",
    },
    "dk.no_project_hint": {
        "nb": "Opprett prosjektet i Zetkin, eller slå på create_project under [jobs.doorknock]",
        "en": "Create the project in Zetkin, or switch on create_project under [jobs.doorknock]",
    },
    # --- settings (issue 12, issue 13 item 3): configuration problems, "<file>: <key>: <what>" ---
    "config.missing": {"nb": "mangler", "en": "missing"},
    "config.unknown_key": {"nb": "ukjent nøkkel ({hint})", "en": "unknown key ({hint})"},
    "config.did_you_mean": {"nb": "mente du '{name}'?", "en": "did you mean '{name}'?"},
    "config.expected_keys": {"nb": "forventet en av: {keys}", "en": "expected one of: {keys}"},
    "config.nothing_expected": {"nb": "her forventes ingenting", "en": "nothing is expected here"},
    "config.secret_in_file": {
        "nb": "hemmeligheter hører ikke hjemme i filen; sett miljøvariabelen {var} i stedet",
        "en": "secrets are not allowed in the file; set the environment variable {var} instead",
    },
    "config.secret_var_url": {
        "nb": "BRIDGE_DATABASE_URL eller BRIDGE_REDIS_URL (inne i URL-en)",
        "en": "BRIDGE_DATABASE_URL or BRIDGE_REDIS_URL (inside the URL)",
    },
    "config.secret_var_any": {
        "nb": "den tilsvarende BRIDGE_*-variabelen ({names})",
        "en": "the matching BRIDGE_* variable ({names})",
    },
    "config.text": {
        "nb": "forventet tekst i anførselstegn, fikk {got}",
        "en": "expected text in quotes, got {got}",
    },
    "config.empty_key": {"nb": "en nøkkel kan ikke være tom", "en": "a key must not be empty"},
    "config.empty": {"nb": "kan ikke være tom", "en": "must not be empty"},
    "config.bool": {
        "nb": "forventet true eller false, fikk {got}",
        "en": "expected true or false, got {got}",
    },
    "config.whole": {
        "nb": "forventet et heltall, fikk {got}",
        "en": "expected a whole number, got {got}",
    },
    "config.whole_at_least": {
        "nb": "forventet et heltall på minst {low}",
        "en": "expected a whole number of at least {low}",
    },
    "config.whole_range": {
        "nb": "forventet et heltall fra {low} til {high}",
        "en": "expected a whole number from {low} to {high}",
    },
    "config.at_least": {
        "nb": "forventet minst {ge}, fikk {got}",
        "en": "expected at least {ge}, got {got}",
    },
    "config.above": {
        "nb": "forventet over {gt}, fikk {got}",
        "en": "expected above {gt}, got {got}",
    },
    "config.at_most": {
        "nb": "forventet høyst {le}, fikk {got}",
        "en": "expected at most {le}, got {got}",
    },
    "config.below": {
        "nb": "forventet under {lt}, fikk {got}",
        "en": "expected below {lt}, got {got}",
    },
    "config.number": {
        "nb": "forventet et tall, fikk {got}",
        "en": "expected a number, got {got}",
    },
    "config.seconds": {
        "nb": "forventet sekunder over 0, som 30, fikk {got}",
        "en": "expected seconds above 0, like 30, got {got}",
    },
    "config.share": {
        "nb": "forventet en andel over 0 og høyst 1, som 0.3, fikk {got}",
        "en": "expected a share above 0 and at most 1, like 0.3, got {got}",
    },
    "config.one_of": {
        "nb": "forventet en av {choices}, fikk {got}",
        "en": "expected one of {choices}, got {got}",
    },
    "config.table": {
        "nb": "forventet en tabell [{table}], fikk {got}",
        "en": "expected a table [{table}], got {got}",
    },
    "config.list": {
        "nb": 'forventet en liste med tekster som ["a", "b"], fikk {got}',
        "en": 'expected a list of texts like ["a", "b"], got {got}',
    },
    "config.listed_twice": {"nb": "{got} står der to ganger", "en": "{got} is listed twice"},
    "config.duration_type": {
        "nb": "forventet en varighet i anførselstegn som '10m', fikk {got}",
        "en": "expected a duration in quotes like '10m', got {got}",
    },
    "config.duration": {
        "nb": "{got} er ikke en varighet som '10m'",
        "en": "{got} is not a duration like '10m'",
    },
    "config.duration_zero": {
        "nb": "{got} må være lengre enn null",
        "en": "{got} must be longer than zero",
    },
    "config.clock_time": {
        "nb": 'forventet et klokkeslett i anførselstegn som "17:00", fikk {got}',
        "en": 'expected a time in quotes like "17:00", got {got}',
    },
    "config.password_hash": {
        "nb": "forventet en passord-hash (lag en med: bridge admin hash-password), ikke et passord",
        "en": "expected a password hash (make one with: bridge admin hash-password), not a "
        "password",
    },
    "config.date": {
        "nb": "forventet en dato som 2026-12-01, fikk {got}",
        "en": "expected a date like 2026-12-01, got {got}",
    },
    "config.http_url": {
        "nb": "forventet en http(s)-URL, fikk {got}",
        "en": "expected an http(s) URL, got {got}",
    },
    "config.url_password": {
        "nb": "en URL med passord hører ikke hjemme i filen",
        "en": "a URL with a password does not belong in the file",
    },
    "config.service_url": {
        "nb": "forventet en URL som begynner med {schemes}://",
        "en": "expected a URL starting with {schemes}://",
    },
    "config.service_url_password": {
        "nb": "inneholder et passord; flytt hele URL-en til miljøvariabelen {var}",
        "en": "contains a password; move the whole URL to the environment variable {var}",
    },
    "config.env_lock_ttl": {
        "nb": "forventet sekunder mellom 1 og 600, som 60",
        "en": "expected seconds from 1 to 600, like 60",
    },
    "config.env_url": {
        "nb": "forventet en URL som {scheme}://vert/...",
        "en": "expected a URL like {scheme}://host/...",
    },
    "config.env_json": {
        "nb": "ser ut som JSON, men kan ikke leses",
        "en": "looks like JSON but does not parse",
    },
    "config.env_credentials": {
        "nb": "er verken JSON for en tjenestekonto eller stien til en fil som finnes",
        "en": "is neither service-account JSON nor the path of an existing file",
    },
    "config.env_fernet": {
        "nb": "er ikke en Fernet-nøkkel (32 URL-sikre base64-kodede byte; lag en med "
        "cryptography sin Fernet.generate_key())",
        "en": "is not a Fernet key (32 url-safe base64-encoded bytes; "
        "make one with cryptography's Fernet.generate_key())",
    },
    "config.branch_missing": {
        "nb": "mangler: minst én [[branch]] trengs",
        "en": "missing: at least one [[branch]] is needed",
    },
    "config.branch_list": {
        "nb": "forventet en liste med tabeller [[branch]], fikk {got}",
        "en": "expected an array of tables [[branch]], got {got}",
    },
    "config.branch_name_taken": {
        "nb": "{got} er også navnet på branch[{first}]",
        "en": "{got} is also the name of branch[{first}]",
    },
    "config.branch_sheet_taken": {
        "nb": "branch[{first}] bruker samme regneark; hver gren trenger sitt eget",
        "en": "branch[{first}] uses the same spreadsheet; each branch needs its own",
    },
    "config.calls_start_date": {
        "nb": "mangler: ringejobben trenger en startdato; medlemmer som meldte seg inn etter "
        "den, får en velkomstsamtale (sett den under [jobs.calls] eller [branch.jobs.calls])",
        "en": "missing: the calls job needs the date after which new members get a "
        "welcome call (set it under [jobs.calls] or [branch.jobs.calls])",
    },
    "config.tab_whole": {
        "nb": "denne fanen skrives i sin helhet av broen; den har ingen overskrifter",
        "en": "this tab is written whole by the bridge; it has no headers",
    },
    "config.header_twice": {
        "nb": "overskriften {got} brukes av både '{first}' og '{second}'",
        "en": "header {got} is used for both '{first}' and '{second}'",
    },
    "config.title_twice": {
        "nb": "{got} er også navnet på fanen '{other}'",
        "en": "{got} is also the title of tab '{other}'",
    },
    "config.no_file": {"nb": "filen finnes ikke", "en": "no such file"},
    "config.is_folder": {
        "nb": "er en mappe, ikke en TOML-fil",
        "en": "is a folder, not a TOML file",
    },
    "config.unreadable": {
        "nb": "kan ikke leses (ingen tilgang)",
        "en": "cannot be read (permission denied)",
    },
    "config.not_utf8": {"nb": "er ikke UTF-8-tekst", "en": "is not UTF-8 text"},
    "config.not_toml": {"nb": "ikke gyldig TOML: {detail}", "en": "not valid TOML: {detail}"},
    "config.invalid": {"nb": "ugyldig verdi ({detail})", "en": "invalid value ({detail})"},
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
    # --- possible duplicates decided in the admin (issue 16 item 5) ---
    "decision.duplicate_gone": {
        "nb": "Beslutning {decision} om et mulig duplikat ble lukket uten å brukes: raden finnes "
        "ikke lenger (eller er endret).",
        "en": "Decision {decision} about a possible duplicate was closed unapplied: the row is "
        "gone (or was changed).",
    },
    "decision.duplicate_stale": {
        "nb": "Beslutning {decision} om et mulig duplikat (rad {row}) ble lukket uten å brukes: "
        "kandidatene er ikke lenger de samme. Avgjør raden på nytt.",
        "en": "Decision {decision} about a possible duplicate (row {row}) was closed unapplied: "
        "the candidates are no longer the same. Decide the row again.",
    },
    "decision.duplicate_unreadable": {
        "nb": "Beslutning {decision} om et mulig duplikat kunne ikke leses og ble lukket.",
        "en": "Decision {decision} about a possible duplicate could not be read and was closed.",
    },
    "admin.flash.duplicate": {
        "nb": "Beslutningen er lagret. Neste kjøring kobler raden til personen (samme person) "
        "eller oppretter en ny person i Zetkin (ulike personer).",
        "en": "The decision is saved. The next run links the row to the person (same person) "
        "or creates a new person in Zetkin (different people).",
    },
    "admin.choice.same_as": {"nb": "Samme person som {person}", "en": "Same person as {person}"},
    "admin.decide.duplicate_intro": {
        "nb": "Rader arket har lagt til som kan være en som allerede finnes i Zetkin. «Samme "
        "person» kobler raden til den personen; «Ulike personer» oppretter en ny person.",
        "en": "Rows the sheet added that may be someone already in Zetkin. \u201cSame "
        "person\u201d links the row to that person; \u201cDifferent people\u201d creates a new "
        "person.",
    },
    "admin.decide.latest": {
        "nb": "Siste kjøring for {branch} (kjøring {run})",
        "en": "Latest run for {branch} (run {run})",
    },
    # --- viewrace (issue 17) ---
    "pull.unreadable": {
        "nb": "Zetkin teller {expected} personer, men radene til {skipped} av dem kunne ikke "
        "leses fra bridge-visningen i Zetkin; ingenting skrives nå (neste synk prøver igjen)",
        "en": "Zetkin counts {expected} people, but the rows of {skipped} of them could not be "
        "read from the bridge's view in Zetkin; nothing is written now (the next sync tries "
        "again)",
    },
    "pull.short": {
        "nb": "Zetkin teller {expected} personer, men hentingen fikk {read}; ingenting skrives "
        "nå (neste synk prøver igjen)",
        "en": "Zetkin counts {expected} people, but the pull got {read}; nothing is written "
        "now (the next sync tries again)",
    },
    "pull.uncounted": {
        "nb": "Zetkin ga ikke antallet personer, så hentingen ({read}) kan ikke kontrolleres; "
        "ingenting skrives nå (neste synk prøver igjen)",
        "en": "Zetkin gave no count of people, so the pull ({read}) cannot be checked; "
        "nothing is written now (the next sync tries again)",
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
