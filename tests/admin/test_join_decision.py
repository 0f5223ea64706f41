"""A join decision made in the admin is applied by the next run, in Zetkin (both stand-ins,
the real runner): the submission is accepted once and the decision closed."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from werkzeug.security import generate_password_hash

from admin import create_app
from admin.runner import Runner
from admin.store import AdminStore
from config.loader import load_settings
from config.settings import Secret
from jobs.context import build_context
from jobs.cycle import run_cycle
from jobs.registry import jobs_for
from sandbox.environment import start_sandbox
from tests.admin.conftest import PASSWORD, csrf_of, login


def test_an_accepted_join_is_accepted_by_the_next_run(tmp_path: Path) -> None:
    env = start_sandbox(tmp_path, seed="demo", size=40)
    try:
        settings = load_settings(env.config_path, {**os.environ, **env.env()})
        settings = replace(settings, secret_key=Secret("j" * 32))
        ctx = build_context(settings)
        branch = settings.branches[0]
        first = run_cycle(ctx, branch, jobs_for(branch, "all"))
        assert first.status == "ok" and first.counts["pending_joins"] >= 2
        zetkin = ctx.zetkin(branch)
        pending = [j.id for j in zetkin.join.pending()]
        store = AdminStore(ctx.ledger)
        store.add_user("kari", generate_password_hash(PASSWORD), "operator")
        runner = Runner(settings, ctx.ledger, in_process=True, context=lambda: ctx)
        client = create_app(settings, ledger=ctx.ledger, runner=runner, testing=True).test_client()
        login(client, "kari")
        token = csrf_of(client.get("/decisions").get_data(as_text=True))
        answer = client.post(
            "/decisions",
            data={"csrf_token": token, "run": first.run_id, "kind": "join",
                  "subject": f"join:{pending[0]}", "choice": "accept"},
        )  # fmt: skip
        assert answer.status_code == 302
        assert [d.subject for d in store.open_decisions()] == [f"join:{pending[0]}"]
        # a dry run applies nothing and leaves the decision open
        assert run_cycle(ctx, branch, jobs_for(branch, "all"), dry_run=True).status == "dry_run"
        assert store.open_decisions() and pending[0] in [j.id for j in zetkin.join.pending()]
        applied = run_cycle(ctx, branch, jobs_for(branch, "all"))
        assert applied.status == "ok", applied.error
        assert [j.id for j in zetkin.join.pending()] == pending[1:]
        assert store.open_decisions() == []
        again = run_cycle(ctx, branch, jobs_for(branch, "all"))
        assert again.counts["pending_joins"] == len(pending) - 1
        ctx.ledger.close()
    finally:
        env.stop()
