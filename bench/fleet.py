#!/usr/bin/env python3
"""./dev bench fleet: one plan on many databases.

Starts a throwaway PostgreSQL server (the one bench/exec.py starts: a
temporary folder, an unprivileged user, loopback, a free port, fsync off),
makes --databases empty databases (CREATE DATABASE from an empty template)
and a project of --migrations small migrations, then, in the same run and
against the same server:

  * `retort-cli upgrade --fleet` sequentially (--parallel 1): the anchor;
  * the same from scratch with `--parallel 8` (each worker its own
    connection, runner lock and per-migration transactions);
  * the no-op rerun (every database already at the target);
  * `retort-cli fleet status` of the whole fleet, sequentially and 8 at a time.

Prints a table of medians over --runs runs with ratios. Goal: --parallel 8
at least 6x faster than sequential; on a machine with few cores the server
is the bound, and the table says what it measured.
"""

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOAL_SPEEDUP = 6.0

_spec = importlib.util.spec_from_file_location("bench_exec", os.path.join(REPO, "bench", "exec.py"))
bench_exec = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_exec)


def make_project(folder, count):
    """A line of `count` migrations, each a table with an index and a row."""
    versions = os.path.join(folder, "versions")
    os.makedirs(versions)
    for i in range(count):
        rid = "%012x" % (0xf1ee70000000 + i)
        parent = "%012x" % (0xf1ee70000000 + i - 1) if i else ""
        upgrade = ("CREATE TABLE t_{i} (id integer PRIMARY KEY, note text);\n"
                   "CREATE INDEX t_{i}_note ON t_{i} (note);\n"
                   "INSERT INTO t_{i} VALUES (1, 'x');").format(i=i)
        with open(os.path.join(versions, "%s_step_%d.sql" % (rid, i)), "w") as f:
            f.write("-- revision: %s\n-- down_revision: %s\n-- message: Step %d\n\n-- migrate:upgrade\n%s\n\n"
                    "-- migrate:downgrade\nDROP TABLE t_%d;\n" % (rid, parent, i, upgrade, i))


def psql(server, sql):
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", "postgres", "-c", sql], check=True,
                   env=server.env(), stdout=subprocess.DEVNULL)


def recreate(server, count):
    """Every database of the fleet empty again (not timed)."""
    for start in range(1, count + 1, 50):
        batch = range(start, min(count, start + 49) + 1)
        script = "".join('DROP DATABASE IF EXISTS fleet_%d;\nCREATE DATABASE fleet_%d TEMPLATE fleet_template;\n'
                         % (i, i) for i in batch)
        subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", "postgres"], input=script, text=True,
                       check=True, env=dict(server.env(), PGOPTIONS="-c client_min_messages=warning"),
                       stdout=subprocess.DEVNULL)


def busy_seconds():
    """CPU time spent by the whole machine (every process, the server too)."""
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def timed(command, env, cores=None):
    """Wall time and output of `command`; in `cores`, how many cores were busy on average."""
    busy = busy_seconds()
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if cores is not None:
        cores.append((busy_seconds() - busy) / elapsed)
    if result.returncode != 0:
        sys.exit("%s failed:\n%s%s" % (" ".join(command[:6]), result.stdout[-3000:], result.stderr[-3000:]))
    return elapsed, result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--runs", type=int, default=1, help="runs of each measurement; the table shows medians")
    parser.add_argument("--databases", type=int, default=200)
    parser.add_argument("--migrations", type=int, default=20)
    parser.add_argument("--parallel", type=int, default=8)
    args = parser.parse_args()
    cli = os.path.join(args.build_dir, "app", "retort-cli")
    work = tempfile.mkdtemp(prefix="retort-bench-fleet.")
    server = bench_exec.Server()
    try:
        project = os.path.join(work, "project")
        make_project(project, args.migrations)
        # The fleet file names every database without a password; libpq
        # reads it from a 0600 passfile.
        passfile = os.path.join(work, "pgpass")
        with open(passfile, "w") as f:
            f.write("127.0.0.1:%d:*:retort:%s\n" % (server.port, server.password))
        os.chmod(passfile, 0o600)
        fleet = os.path.join(work, "fleet.ini")
        with open(fleet, "w") as f:
            for i in range(1, args.databases + 1):
                f.write("[database tenant-%d]\nurl = postgresql://retort@127.0.0.1:%d/fleet_%d\ngroup = g%d\n\n"
                        % (i, server.port, i, i % 4))
        env = dict(os.environ, PGPASSFILE=passfile)
        env.pop("PGPASSWORD", None)
        env.pop("DATABASE_URL", None)
        psql(server, "CREATE DATABASE fleet_template")

        upgrade = [cli, "-p", project, "upgrade", "--fleet", fleet]
        status = [cli, "-p", project, "fleet", "status", fleet]
        times = {key: [] for key in ("sequential", "parallel", "noop", "status1", "statusN")}
        cores = {key: [] for key in times}
        for run in range(args.runs):
            print("run %d of %d: %d databases x %d migrations..." % (run + 1, args.runs, args.databases,
                                                                     args.migrations), file=sys.stderr)
            recreate(server, args.databases)
            elapsed, out = timed(upgrade + ["--parallel", "1"], env, cores["sequential"])
            assert "%d upgraded" % args.databases in out, out[-500:]
            times["sequential"].append(elapsed)
            recreate(server, args.databases)
            elapsed, out = timed(upgrade + ["--parallel", str(args.parallel)], env, cores["parallel"])
            assert "%d upgraded" % args.databases in out, out[-500:]
            times["parallel"].append(elapsed)
            elapsed, out = timed(upgrade + ["--parallel", str(args.parallel)], env, cores["noop"])
            assert "%d up to date" % args.databases in out, out[-500:]
            times["noop"].append(elapsed)
            times["status1"].append(timed(status + ["--parallel", "1"], env, cores["status1"])[0])
            times["statusN"].append(timed(status + ["--parallel", str(args.parallel)], env, cores["statusN"])[0])
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)

    m = {key: statistics.median(values) for key, values in times.items()}
    c = {key: statistics.median(values) for key, values in cores.items()}
    n = args.databases * args.migrations
    speedup = m["sequential"] / m["parallel"]
    print("| Run (%d databases x %d migrations) | Time | Per database | Cores busy | Ratio |"
          % (args.databases, args.migrations))
    print("| --- | ---: | ---: | ---: | ---: |")
    rows = [
        ("`upgrade --fleet --parallel 1` (anchor)", "sequential", "1.00x"),
        ("`upgrade --fleet --parallel %d`" % args.parallel, "parallel", "%.2fx faster" % speedup),
        ("rerun, every database at the target (`--parallel %d`)" % args.parallel, "noop", ""),
        ("`fleet status` (`--parallel 1`)", "status1", ""),
        ("`fleet status` (`--parallel %d`)" % args.parallel, "statusN",
         "%.2fx faster" % (m["status1"] / m["statusN"])),
    ]
    for label, key, ratio in rows:
        print("| %s | %.2f s | %.0f ms | %.2f of %d | %s |"
              % (label, m[key], 1000 * m[key] / args.databases, c[key], os.cpu_count(), ratio))
    print()
    print("%s migrations in all; wall time of each command (process start, fleet file, connecting, locks and "
          "history included), medians of %d run(s), one local PostgreSQL %s server with fsync off, %d CPU core(s)."
          % (format(n, ","), args.runs, os.path.basename(os.path.dirname(server.bin)), os.cpu_count()))
    print("Goal: --parallel %d at least %.0fx faster than sequential: %s (%.2fx)."
          % (args.parallel, GOAL_SPEEDUP, "met" if speedup >= GOAL_SPEEDUP else "missed", speedup))
    # Retort and the server share the machine: once every core is busy, more
    # workers cannot go faster. The sequential run's busy cores say how far
    # parallel runs can go here.
    print("Cores busy: the CPU time of the whole machine (retort-cli and the server) over the wall time. The sequential "
          "run keeps %.2f of %d cores busy, so no parallelism can be more than %.2fx faster on this machine."
          % (c["sequential"], os.cpu_count(), os.cpu_count() / c["sequential"]))


if __name__ == "__main__":
    main()
