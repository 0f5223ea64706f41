"""The decisions page's possible duplicates: where they come from (a held plan, the latest
run's report), one "same person as" button per candidate, and the choices a POST may make."""

from __future__ import annotations

from flask.testing import FlaskClient

from bridge.duplicates import subject_for
from bridge.messages import t
from tests.admin.conftest import Rig, csrf_of

BRANCH = "Trondheim SV (demo)"
REVIEW = {
    "row_number": 7,
    "cell": "A7",
    "row_key": "0123456789abcdef",
    "candidates": [
        {"person_id": 12, "reasons": ["name"]},
        {"person_id": 30, "reasons": ["name_district"]},
    ],
}
SUBJECT = subject_for("0123456789abcdef", (12, 30))


def _run(rig: Rig, status: str = "ok", review: list[dict] | None = None) -> int:
    run = rig.ledger.start_run("reconcile", BRANCH)
    report = {"review": review if review is not None else [REVIEW]}
    summary = {"jobs": {"reconcile": {"counts": {"review": 1}, "report": report}}}
    if status == "held":
        plan = {"branch": BRANCH, "jobs": {"reconcile": {"review": [REVIEW]}}}
        rig.ledger.hold_run(run, plan, "fp", {**summary, "held": "over 30 %"})
    else:
        rig.ledger.finish_run(run, status, counts={}, requests={}, plan_summary=summary)
    return run


def _buttons(page: str) -> list[str]:
    return [v for v in ("same:12", "same:30", "different") if f'value="{v}"' in page]


def test_the_latest_runs_duplicates_are_listed_with_a_button_per_candidate(
    rig: Rig, operator: FlaskClient
) -> None:
    run = _run(rig)
    page = operator.get("/decisions").get_data(as_text=True)
    assert f'value="{SUBJECT}"' in page
    assert _buttons(page) == ["same:12", "same:30", "different"]
    assert "Samme person som 30" in page and "7 (A7): 12 (name); 30 (name_district)" in page
    assert t("admin.decide.latest", branch=BRANCH, run=run) in page
    assert t("admin.decisions.none") not in page


def test_only_the_latest_run_counts_and_a_held_one_shows_once(
    rig: Rig, operator: FlaskClient
) -> None:
    _run(rig)
    _run(rig, review=[])  # the row was settled meanwhile
    page = operator.get("/decisions").get_data(as_text=True)
    assert _buttons(page) == [] and t("admin.decisions.none") in page
    held = _run(rig, status="held")
    page = operator.get("/decisions").get_data(as_text=True)
    assert page.count(f'value="{SUBJECT}"') == 1  # with the held plan, not twice
    assert f'name="run" value="{held}"' in page


def test_a_failed_run_says_nothing_about_duplicates(rig: Rig, operator: FlaskClient) -> None:
    _run(rig)
    _run(rig, status="failed")
    page = operator.get("/decisions").get_data(as_text=True)
    assert _buttons(page) == ["same:12", "same:30", "different"]  # the last good run's


def test_same_person_names_the_person_and_waits_for_the_run(
    rig: Rig, operator: FlaskClient
) -> None:
    run = _run(rig)
    token = csrf_of(operator.get("/decisions").get_data(as_text=True))
    answer = operator.post(
        "/decisions",
        data={"csrf_token": token, "run": run, "kind": "duplicate", "subject": SUBJECT,
              "choice": "same:30"},
        follow_redirects=True,
    )  # fmt: skip
    assert t("admin.flash.duplicate") in answer.get_data(as_text=True)
    [decision] = rig.store.open_decisions(BRANCH)  # open: the next run applies it
    assert (decision.kind, decision.subject, decision.choice) == ("duplicate", SUBJECT, "same:30")
    assert rig.ledger.recent_audit(actor="user:kari")[0].field == "decision:duplicate:same:30"
    page = operator.get("/decisions").get_data(as_text=True)
    assert 'badge ok">Samme person som 30<' in page


def test_choices_that_name_nobody_or_belong_elsewhere_are_refused(
    rig: Rig, operator: FlaskClient
) -> None:
    run = _run(rig)
    token = csrf_of(operator.get("/decisions").get_data(as_text=True))
    for kind, choice in (
        ("duplicate", "same"),
        ("duplicate", "same:"),
        ("duplicate", "same:x"),
        ("duplicate", "keep_sheet"),
        ("conflict", "same:12"),
        ("join", "different"),
    ):
        bad = operator.post(
            "/decisions",
            data={"csrf_token": token, "run": run, "kind": kind, "subject": SUBJECT,
                  "choice": choice},
        )  # fmt: skip
        assert bad.status_code == 400, (kind, choice)
    assert rig.store.open_decisions(BRANCH) == []
