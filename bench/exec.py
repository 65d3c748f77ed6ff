#!/usr/bin/env python3
"""./dev bench exec: how fast Retort applies migrations.

Starts a throwaway PostgreSQL server (as ./dev pg does: a temporary folder,
an unprivileged user, loopback, a free port, fsync off), then, in the same
run and against the same server:

  * applies 1,000 small migrations to a fresh database with
    `retort-cli upgrade` (one transaction per migration, with its
    version-table update and history row, under the runner lock);
  * runs the same SQL concatenated with `psql -1 -f` (the floor: one
    transaction, no bookkeeping);
  * runs `alembic upgrade head` on the equivalent Alembic project;
  * times a no-op `retort-cli upgrade` at head on a 5,000-revision project.

Prints a table of medians over --runs runs with ratios. Targets: Retort
within 2x of psql, at least 5x faster than Alembic, no-op under 1 s.
"""

import argparse
import glob
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAKE_ALEMBIC = os.path.join(REPO, "tests", "exec", "make_alembic_project.py")
TARGET_PSQL_RATIO = 2.0
TARGET_ALEMBIC_SPEEDUP = 5.0
TARGET_NOOP_S = 1.0


def as_postgres(command, **kw):
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--"] + command
    return subprocess.run(command, check=True, **kw)


class Server:
    """A PostgreSQL server of its own, stopped and removed at the end."""

    def __init__(self):
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
        if not bins:
            sys.exit("PostgreSQL server binaries not found (package postgresql)")
        self.bin = bins[-1]
        self.dir = tempfile.mkdtemp(prefix="retort-bench-pg.")
        os.chmod(self.dir, 0o755)
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self.password = secrets.token_hex(12)
        pwfile = os.path.join(self.dir, "pwfile")
        with open(pwfile, "w") as f:
            f.write(self.password + "\n")
        if os.geteuid() == 0:
            shutil.chown(pwfile, "postgres", "postgres")
        as_postgres([os.path.join(self.bin, "initdb"), "-D", os.path.join(self.dir, "data"), "-U", "retort",
                     "--pwfile=" + pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.remove(pwfile)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        as_postgres([os.path.join(self.bin, "pg_ctl"), "-D", os.path.join(self.dir, "data"), "-l",
                     os.path.join(self.dir, "server.log"), "-w", "-t", "30", "-o",
                     "-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off" % (self.port, self.dir), "start"],
                    stdout=subprocess.DEVNULL)

    def url(self, database):
        return "postgresql://retort:%s@127.0.0.1:%d/%s" % (self.password, self.port, database)

    def env(self):
        environment = dict(os.environ)
        environment.update(PGHOST="127.0.0.1", PGPORT=str(self.port), PGUSER="retort", PGPASSWORD=self.password)
        return environment

    def fresh(self, name):
        for sql in ("DROP DATABASE IF EXISTS %s" % name, "CREATE DATABASE %s" % name):
            subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-c", sql], check=True, env=self.env())
        return name

    def stop(self):
        as_postgres([os.path.join(self.bin, "pg_ctl"), "-D", os.path.join(self.dir, "data"), "-m", "immediate",
                     "-w", "stop"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.dir, ignore_errors=True)


WORKLOADS = {
    # Each migration makes a table with a primary key and puts a row in it.
    "table": ("CREATE TABLE t_{i} (id integer PRIMARY KEY, note text);\nINSERT INTO t_{i} VALUES (1, 'x');",
              "DROP TABLE t_{i};"),
    # Each migration adds a column to one table: a catalog change, no new files.
    "column": ("ALTER TABLE items ADD COLUMN c_{i} integer;", "ALTER TABLE items DROP COLUMN c_{i};"),
}


def make_native(folder, count, sql=True, workload="table"):
    """A line of `count` small migrations."""
    versions = os.path.join(folder, "versions")
    os.makedirs(versions, exist_ok=True)
    concatenated = []
    for i in range(count):
        rid = "%012x" % (0xbe0000000000 + i)
        parent = "%012x" % (0xbe0000000000 + i - 1) if i else ""
        if sql:
            upgrade, downgrade = (text.format(i=i) for text in WORKLOADS[workload])
            if workload == "column" and i == 0:
                upgrade = "CREATE TABLE items (id integer PRIMARY KEY);\n" + upgrade
        else:
            upgrade, downgrade = "SELECT 1;", "SELECT 1;"
        concatenated.append(upgrade)
        with open(os.path.join(versions, "%s_step_%d.sql" % (rid, i)), "w") as f:
            f.write("-- revision: %s\n-- down_revision: %s\n-- message: Step %d\n\n-- migrate:upgrade\n%s\n\n"
                    "-- migrate:downgrade\n%s\n" % (rid, parent, i, upgrade, downgrade))
    return "\n".join(concatenated) + "\n"


def timed(command, env, cwd=None):
    start = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit("%s failed:\n%s%s" % (" ".join(command[:4]), result.stdout[-2000:], result.stderr[-2000:]))
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement; the table shows medians")
    parser.add_argument("--migrations", type=int, default=1000)
    parser.add_argument("--noop-revisions", type=int, default=5000)
    parser.add_argument("--workload", choices=sorted(WORKLOADS), default="table")
    args = parser.parse_args()
    cli = os.path.join(args.build_dir, "app", "retort-cli")
    work = tempfile.mkdtemp(prefix="retort-bench-exec.")
    server = Server()
    try:
        print("making the projects...", file=sys.stderr)
        native = os.path.join(work, "native")
        script = make_native(native, args.migrations, workload=args.workload)
        with open(os.path.join(work, "all.sql"), "w") as f:
            f.write(script)
        alembic = os.path.join(work, "alembic")
        subprocess.run([sys.executable, MAKE_ALEMBIC, native, alembic, "--sql"], check=True, stdout=subprocess.DEVNULL)
        big = os.path.join(work, "big")
        make_native(big, args.noop_revisions, sql=False)

        times = {"retort": [], "psql": [], "alembic": [], "noop": []}
        for run in range(args.runs):
            print("run %d of %d..." % (run + 1, args.runs), file=sys.stderr)
            env = server.env()
            db = server.fresh("bench_retort")
            times["retort"].append(timed([cli, "-p", native, "--db", server.url(db), "upgrade"], env))
            db = server.fresh("bench_psql")
            times["psql"].append(timed(["psql", "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-d", db, "-f",
                                        os.path.join(work, "all.sql")], env))
            db = server.fresh("bench_alembic")
            alembic_env = dict(env, DATABASE_URL=server.url(db))
            times["alembic"].append(timed(["alembic", "-c", os.path.join(alembic, "alembic.ini"), "upgrade", "head"],
                                          alembic_env, cwd=alembic))
            db = server.fresh("bench_noop")
            timed([cli, "-p", big, "--db", server.url(db), "stamp", "heads"], env)
            times["noop"].append(timed([cli, "-p", big, "--db", server.url(db), "upgrade"], env))
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)

    m = {key: statistics.median(values) for key, values in times.items()}
    n = args.migrations
    print("| Run | Time | Per migration | Ratio |")
    print("| --- | ---: | ---: | ---: |")
    print("| `psql -1 -f` of the same SQL (floor) | %.2f s | %.2f ms | 1.00x |" % (m["psql"], 1000 * m["psql"] / n))
    print("| `retort-cli upgrade`, %s migrations | %.2f s | %.2f ms | %.2fx psql |"
          % (format(n, ","), m["retort"], 1000 * m["retort"] / n, m["retort"] / m["psql"]))
    print("| `alembic upgrade head`, same migrations | %.2f s | %.2f ms | %.1fx Retort |"
          % (m["alembic"], 1000 * m["alembic"] / n, m["alembic"] / m["retort"]))
    print("| no-op `retort-cli upgrade` at head, %s revisions | %.2f s | | |" % (format(args.noop_revisions, ","), m["noop"]))
    print()
    failures = []
    if m["retort"] / m["psql"] > TARGET_PSQL_RATIO:
        failures.append("Retort %.2fx psql (target within %.0fx)" % (m["retort"] / m["psql"], TARGET_PSQL_RATIO))
    if m["alembic"] / m["retort"] < TARGET_ALEMBIC_SPEEDUP:
        failures.append("Alembic only %.1fx slower (target %.0fx)" % (m["alembic"] / m["retort"], TARGET_ALEMBIC_SPEEDUP))
    if m["noop"] >= TARGET_NOOP_S:
        failures.append("no-op %.2f s (target < %.0f s)" % (m["noop"], TARGET_NOOP_S))
    print("Wall time of each command (process start, project loading and connecting included), medians of %d runs, "
          "one local PostgreSQL %s server with fsync off." % (args.runs, os.path.basename(os.path.dirname(server.bin))))
    print("Targets: within %.0fx of psql, at least %.0fx faster than Alembic, no-op under %.0f s."
          % (TARGET_PSQL_RATIO, TARGET_ALEMBIC_SPEEDUP, TARGET_NOOP_S))
    print("All met." if not failures else "Missed: " + "; ".join(failures))


if __name__ == "__main__":
    main()
