#!/usr/bin/env python3
"""What `alembic stamp` leaves in the version table, as Alembic computes it.

    alembic_stamp.py < SPEC.json > ANSWERS.json

SPEC is {"config": alembic.ini, "generate": {"seed": N, "revisions": N},
"native_copy": DIR, "seed": N}: a random project is made with Alembic's own
commands (tests/reference/alembic_reference.py), copied in Retort's native
format, and stamp queries are drawn: current rows (states reached by real
upgrades), one or two targets, with and without --purge. Each answer is
{"ok": true, "rows": [...]} or {"ok": false, "error": CODE}, from Alembic's
ScriptDirectory._stamp_revs and HeadMaintainer on a real version table.
"""

import json
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference"))

from alembic.runtime.migration import HeadMaintainer, MigrationContext  # noqa: E402
from alembic_reference import Reference, failure, generate_project  # noqa: E402


def stamp(reference, rows, targets, purge):
    with reference.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        context._ensure_version_table(purge=True)
        heads = () if purge else tuple(rows)
        maintainer = HeadMaintainer(context, ())
        for row in heads:
            maintainer._insert_version(row)
        try:
            for step in reference.script._stamp_revs(tuple(targets), heads):
                maintainer.update_to_step(step)
        except Exception as exc:  # noqa: BLE001 - every failure is an answer
            connection.rollback()
            return failure(exc)
        after = sorted(context.get_current_heads())
        connection.rollback()
    return {"ok": True, "rows": after}


def queries(reference, seed):
    rng = random.Random(seed)
    ids = [script.revision for script in reference.scripts()]
    labels = sorted({label for script in reference.scripts() for label in script.branch_labels})
    states = [[]]
    for target in rng.sample(ids, min(6, len(ids))) + ["heads"]:
        answer = reference.plan("upgrade", (), target)
        if answer["ok"] and answer["steps"]:
            states.append(answer["steps"][-1]["rows"])
    targets = [["base"], ["heads"], []]
    targets += [[rid] for rid in rng.sample(ids, min(8, len(ids)))]
    targets += [[rid[:5]] for rid in rng.sample(ids, min(2, len(ids)))]
    targets += [[label + "@head"] for label in labels[:2]]
    targets += [rng.sample(ids, 2) for _ in range(3)] if len(ids) > 1 else []
    result = []
    for rows in states:
        for target in targets:
            result.append({"rows": rows, "targets": target, "purge": False})
        result.append({"rows": rows, "targets": rng.choice(targets), "purge": True})
    return result


def main():
    spec = json.load(sys.stdin)
    generate_project(spec["config"], spec["generate"]["seed"], spec["generate"]["revisions"])
    reference = Reference(spec["config"])
    reference.write_native_copy(spec["native_copy"])
    asked = queries(reference, spec["seed"])
    answers = [stamp(reference, q["rows"], q["targets"], q["purge"]) for q in asked]
    json.dump({"queries": asked, "answers": answers}, sys.stdout, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
