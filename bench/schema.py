#!/usr/bin/env python3
"""./dev bench schema: how fast Retort reads and compares schemas.

Starts a throwaway PostgreSQL server (as ./dev pg does), then, in the same
run and against the same server, for databases of 1,000 and 5,000 tables
(each with columns, a primary key, an index, most with a foreign key; a view
and a function for every tenth table):

  * times `retort-cli schema dump` against `pg_dump --schema-only` on the
    same database (the anchor; goal: Retort at most half of pg_dump's time);
  * times `retort-cli schema diff` between that database and a copy where
    5% of the tables changed (a column added, a type changed, an index
    dropped, a table added), with its peak memory (max RSS).

Prints a table of medians over --runs runs.
"""

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("retort_bench_exec", os.path.join(HERE, "exec.py"))
bench_exec = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench_exec)
TARGET_RATIO = 0.5


def schema_sql(tables):
    lines = []
    for i in range(tables):
        fk = ", parent_id bigint REFERENCES t_%d (id)" % (i - 1) if i and i % 3 else ""
        lines.append("CREATE TABLE t_%d (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, "
                     "qty integer DEFAULT 0, price numeric(10,2), created_at timestamptz DEFAULT now()%s);" % (i, fk))
        lines.append("CREATE INDEX t_%d_name ON t_%d (name);" % (i, i))
        if i % 10 == 0:
            lines.append("CREATE VIEW v_%d AS SELECT id, name, qty * price AS amount FROM t_%d WHERE qty > 0;" % (i, i))
            lines.append("CREATE FUNCTION f_%d(n integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT n + %d $$;"
                         % (i, i))
    return "\n".join(lines) + "\n"


def changes_sql(tables):
    """Changes to 5% of the tables, spread over the schema."""
    lines = []
    step = 20
    for n, i in enumerate(range(1, tables, step)):
        kind = n % 4
        if kind == 0:
            lines.append("ALTER TABLE t_%d ADD COLUMN note text;" % i)
        elif kind == 1:
            lines.append("ALTER TABLE t_%d ALTER COLUMN qty TYPE bigint;" % i)
        elif kind == 2:
            lines.append("DROP INDEX t_%d_name;" % i)
        else:
            lines.append("CREATE TABLE extra_%d (id integer PRIMARY KEY, t_id bigint REFERENCES t_%d (id));" % (i, i))
    return "\n".join(lines) + "\n"


def run(command, env):
    """Runs a command; returns (seconds, its output)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate()
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        sys.exit("%s failed:\n%s" % (" ".join(command[:3]), err.decode()[-2000:]))
    return elapsed, out


def peak_memory(command, env):
    """Max RSS of one run of `command`, in MiB (from wait4)."""
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        sys.exit("%s failed" % " ".join(command[:3]))
    return usage.ru_maxrss / 1024.0


def psql(server, database, sql):
    # Not one transaction: 5,000 tables would need more locks than a
    # default server has (max_locks_per_transaction).
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database], input=sql, text=True,
                   check=True, env=server.env(), stdout=subprocess.DEVNULL)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement; the table shows medians")
    parser.add_argument("--sizes", default="1000,5000", help="table counts, comma-separated")
    args = parser.parse_args()
    cli = os.path.join(args.build_dir, "app", "retort-cli")
    server = bench_exec.Server()
    rows = []
    try:
        for tables in (int(size) for size in args.sizes.split(",")):
            base = server.fresh("schema_%d" % tables)
            psql(server, base, schema_sql(tables))
            changed = "schema_%d_changed" % tables
            subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-c", "DROP DATABASE IF EXISTS %s" % changed],
                           check=True, env=server.env())
            subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-c",
                            "CREATE DATABASE %s TEMPLATE %s" % (changed, base)], check=True, env=server.env())
            psql(server, changed, changes_sql(tables))
            env = server.env()
            env.pop("PGPASSWORD")
            env["DATABASE_URL"] = server.url(base)
            pg_env = server.env()
            pg_env["PGDATABASE"] = base
            dump = [cli, "schema", "dump"]
            pg_dump = ["pg_dump", "--schema-only"]
            diff = [cli, "schema", "diff", "--from", server.url(base), "--to", server.url(changed)]
            times = {"dump": [], "pg_dump": [], "diff": []}
            for _ in range(args.runs):
                times["pg_dump"].append(run(pg_dump, pg_env)[0])
                elapsed, out = run(dump, env)
                times["dump"].append(elapsed)
                elapsed, changes = run(diff, env)
                times["diff"].append(elapsed)
            m = {key: statistics.median(values) for key, values in times.items()}
            rows.append((tables, m, peak_memory(diff, env), peak_memory(dump, env),
                         changes.decode().count("\n-- ") + 1))
    finally:
        server.stop()

    print("| Database | `pg_dump --schema-only` | `retort-cli schema dump` | ratio (goal <= %.1f) | "
          "`schema diff` (5%% changed) | diff max RSS | dump max RSS |" % TARGET_RATIO)
    print("|---|---|---|---|---|---|---|")
    for tables, m, diff_rss, dump_rss, changes in rows:
        ratio = m["dump"] / m["pg_dump"]
        print("| %s tables | %.2f s | %.2f s | %.2fx %s | %.2f s (%d changes) | %.0f MiB | %.0f MiB |"
              % (format(tables, ","), m["pg_dump"], m["dump"], ratio, "ok" if ratio <= TARGET_RATIO else "MISSED",
                 m["diff"], changes, diff_rss, dump_rss))
    print("\nMedians of %d runs; both tools read the same database on the same server in this run." % args.runs)


if __name__ == "__main__":
    main()
