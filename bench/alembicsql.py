#!/usr/bin/env python3
"""./dev bench alembicsql: how fast Retort gets an Alembic project's SQL.

Makes an Alembic project with `alembic init` and N revisions (default 100)
made by `alembic revision`, each creating a table with an index and adding a
column to the one before, with an env.py that reads its URL from
sqlalchemy.url. Then, in the same run, times:

  * `alembic upgrade base:head --sql`: the anchor, one run of env.py for the
    whole range (what a user types);
  * `retort-cli upgrade --sql`, cold (an empty cache): Retort renders each
    step on its own, in one Python process, so that each has its own SQL;
  * the same, cached: nothing to render, the SQL comes from the cache.

Checks that Retort's output equals Alembic's, and prints a table of medians
over --runs runs with the ratio to the anchor. No server is needed: offline
SQL only needs the dialect.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BODY = '''    op.create_table(
        "t_{i}",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
    )
    op.create_index("ix_t_{i}_name", "t_{i}", ["name"])
{extra}'''


def make_project(folder, count):
    os.makedirs(folder)
    ini = os.path.join(folder, "alembic.ini")
    subprocess.run(["alembic", "-c", ini, "init", "migrations"], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    with open(ini) as f:
        text = f.read()
    with open(ini, "w") as f:
        f.write(text.replace("sqlalchemy.url = driver://user:pass@localhost/dbname",
                             "sqlalchemy.url = postgresql://app@localhost/app"))
    versions = os.path.join(folder, "migrations", "versions")
    parent = None
    for i in range(count):
        rid = "%012x" % (0xa1e0000000 + i)
        with open(os.path.join(versions, "%s_step_%d.py" % (rid, i)), "w") as f:
            extra = ('    op.add_column("t_%d", sa.Column("next_id", sa.Integer()))\n' % (i - 1)) if i else ""
            f.write('"""Step %d\n\nRevision ID: %s\nRevises: %s\n"""\nfrom alembic import op\nimport sqlalchemy as sa\n\n'
                    "revision = %r\ndown_revision = %r\nbranch_labels = None\ndepends_on = None\n\n\n"
                    "def upgrade():\n%s\n\ndef downgrade():\n    op.drop_table(\"t_%d\")\n"
                    % (i, rid, parent or "", rid, parent, BODY.format(i=i, extra=extra), i))
        parent = rid


def timed(command, cwd, env):
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit("%s failed:\n%s" % (" ".join(command[:4]), result.stderr[-3000:]))
    return elapsed, result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement; the table shows medians")
    parser.add_argument("--revisions", type=int, default=100)
    args = parser.parse_args()
    cli = os.path.join(args.build_dir, "app", "retort-cli")
    work = tempfile.mkdtemp(prefix="retort-bench-alembicsql.")
    try:
        project = os.path.join(work, "project")
        make_project(project, args.revisions)
        env = dict(os.environ)
        env.pop("DATABASE_URL", None)
        anchor, cold, cached = [], [], []
        expected = None
        for run in range(args.runs):
            seconds, expected = timed(["alembic", "upgrade", "base:head", "--sql"], project, env)
            anchor.append(seconds)
            env["XDG_CACHE_HOME"] = os.path.join(work, "cache-%d" % run)
            seconds, out = timed([cli, "-p", project, "upgrade", "--sql"], project, env)
            if out != expected:
                sys.exit("retort-cli upgrade --sql differs from alembic upgrade base:head --sql")
            cold.append(seconds)
            seconds, out = timed([cli, "-p", project, "upgrade", "--sql"], project, env)
            if out != expected:
                sys.exit("the cached SQL differs from alembic upgrade base:head --sql")
            cached.append(seconds)
        base = statistics.median(anchor)
        rows = [
            ("alembic upgrade base:head --sql (anchor)", base),
            ("retort-cli upgrade --sql, cold (each step on its own)", statistics.median(cold)),
            ("retort-cli upgrade --sql, cached", statistics.median(cached)),
        ]
        print("Offline SQL of %d pending Alembic revisions (median of %d runs)" % (args.revisions, args.runs))
        print()
        print("| %-54s | %9s | %8s |" % ("", "seconds", "ratio"))
        print("|%s|%s|%s|" % ("-" * 56, "-" * 11, "-" * 10))
        for name, seconds in rows:
            print("| %-54s | %9.2f | %7.2fx |" % (name, seconds, seconds / base))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
