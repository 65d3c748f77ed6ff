#!/usr/bin/env python3
"""./dev bench shadow: how fast Retort learns schemas by replaying migrations.

Starts a throwaway PostgreSQL server (the one ./dev bench exec uses), then,
in the same run:

  * replays 1,000 small migrations into a shadow database on that server
    (shadow_url in retort.ini) and reads the schema at the head
    (`retort-cli diff heads:heads`, a cold snapshot cache), against
    `psql -1 -f` of the same SQL into a fresh database on the same server;
  * the same replay into Retort's own private shadow server, started by
    the command: once with nothing in the cache folder (initdb makes its
    data folder, as on a machine's first use), once with the template that
    first start kept (copied instead of initdb, as from then on);
  * a second review of the demo project (`retort-cli diff base:heads`,
    every step's schema) with a warm cache;
  * `retort-cli drift` of a 1,000-table database, with a cold and a warm
    cache;
  * `retort-cli create --autogenerate` on the demo project (its schema file
    from `schema dump --revision heads` plus one column), into a shadow on
    the same server and into the private server. Native autogenerate
    replays the head every time (it needs the database, not a cached
    snapshot's text), so "warm" only means the programs and files are in
    the page cache.

Prints a table of medians over --runs runs. Targets: replay within 1.2x of
psql, a warm review under 100 ms.
"""

import argparse
import importlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
bench_exec = importlib.import_module("exec")

REPO = bench_exec.REPO
TARGET_PSQL_RATIO = 1.2
TARGET_WARM_REVIEW_S = 0.1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement; the table shows medians")
    parser.add_argument("--migrations", type=int, default=1000)
    parser.add_argument("--tables", type=int, default=1000)
    args = parser.parse_args()
    cli = os.path.join(args.build_dir, "app", "retort-cli")
    work = tempfile.mkdtemp(prefix="retort-bench-shadow.")
    server = bench_exec.Server()
    try:
        print("making the projects...", file=sys.stderr)
        env = server.env()
        configured = os.path.join(work, "configured")
        script = bench_exec.make_native(configured, args.migrations)
        with open(os.path.join(work, "all.sql"), "w") as f:
            f.write(script)
        private = os.path.join(work, "private")
        shutil.copytree(configured, private)
        with open(os.path.join(configured, "retort.ini"), "w") as f:
            f.write("[retort]\nshadow_url = postgresql://retort@127.0.0.1:%d/postgres\n" % server.port)
        tables = os.path.join(work, "tables")
        bench_exec.make_native(tables, args.tables)
        drift_db = server.fresh("bench_drift")
        bench_exec.timed([cli, "-p", tables, "--db", server.url(drift_db), "upgrade"], env)
        demo_db = server.fresh("bench_demo")
        # A cache folder holding only the shadow server's template, made by
        # one start of the private server.
        template_cache = tempfile.mkdtemp(dir=work)
        bench_exec.timed([cli, "-p", os.path.join(REPO, "migrations"), "schema", "dump", "--revision", "heads"],
                         dict(env, XDG_CACHE_HOME=template_cache))
        if not os.path.isdir(os.path.join(template_cache, "retort", "shadow-template")):
            sys.exit("bench shadow: the private server kept no template")
        shutil.rmtree(os.path.join(template_cache, "retort", "shadow"), ignore_errors=True)
        autogen = {}
        for kind in ("configured", "private"):
            folder = os.path.join(work, "autogen-" + kind)
            shutil.copytree(os.path.join(REPO, "migrations"), folder, ignore=shutil.ignore_patterns("backups"))
            with open(os.path.join(folder, "retort.ini"), "a") as f:
                f.write("schema_file = schema.sql\n")
                if kind == "configured":
                    f.write("shadow_url = postgresql://retort@127.0.0.1:%d/postgres\n" % server.port)
            dumped = subprocess.run([cli, "-p", folder, "schema", "dump", "--revision", "heads"], env=env,
                                    capture_output=True, text=True, check=True).stdout
            with open(os.path.join(folder, "schema.sql"), "w") as f:
                f.write(dumped + "\nALTER TABLE public.api_keys ADD COLUMN expires_at timestamp with time zone;\n")
            autogen[kind] = folder

        times = {key: [] for key in ("psql", "configured", "private", "private_template", "warm_review", "drift_cold",
                                     "drift_warm", "autogen_configured", "autogen_private")}
        for run in range(args.runs):
            print("run %d of %d..." % (run + 1, args.runs), file=sys.stderr)
            db = server.fresh("bench_psql")
            times["psql"].append(bench_exec.timed(["psql", "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-d", db, "-f",
                                                   os.path.join(work, "all.sql")], env))
            for kind, project in (("configured", configured), ("private", private)):
                cache = tempfile.mkdtemp(dir=work)
                times[kind].append(bench_exec.timed([cli, "-p", project, "diff", "heads:heads"],
                                                    dict(env, XDG_CACHE_HOME=cache)))
            cache = tempfile.mkdtemp(dir=work)
            shutil.copytree(os.path.join(template_cache, "retort"), os.path.join(cache, "retort"))
            times["private_template"].append(bench_exec.timed([cli, "-p", private, "diff", "heads:heads"],
                                                              dict(env, XDG_CACHE_HOME=cache)))
            cache = tempfile.mkdtemp(dir=work)
            review = [cli, "-p", os.path.join(REPO, "migrations"), "--db", server.url(demo_db), "diff", "base:heads"]
            bench_exec.timed(review, dict(env, XDG_CACHE_HOME=cache))
            times["warm_review"].append(bench_exec.timed(review, dict(env, XDG_CACHE_HOME=cache)))
            cache = tempfile.mkdtemp(dir=work)
            drift = [cli, "-p", tables, "--db", server.url(drift_db), "drift"]
            times["drift_cold"].append(bench_exec.timed(drift, dict(env, XDG_CACHE_HOME=cache)))
            times["drift_warm"].append(bench_exec.timed(drift, dict(env, XDG_CACHE_HOME=cache)))
            for kind, folder in autogen.items():
                command = [cli, "-p", folder, "create", "-m", "bench autogenerate", "--autogenerate", "--rev-id",
                           "benc%08d" % run]
                times["autogen_" + kind].append(bench_exec.timed(command, dict(env, XDG_CACHE_HOME=template_cache)))
                os.remove(os.path.join(folder, "versions", "benc%08d_bench_autogenerate.sql" % run))
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)

    m = {key: statistics.median(values) for key, values in times.items()}
    n = format(args.migrations, ",")
    print("| Run | Time | Ratio |")
    print("| --- | ---: | ---: |")
    print("| `psql -1 -f` of %s small migrations' SQL (floor) | %.2f s | 1.00x |" % (n, m["psql"]))
    print("| replay of the same %s migrations into a shadow on the same server, schema read | %.2f s | %.2fx psql |"
          % (n, m["configured"], m["configured"] / m["psql"]))
    print("| the same into Retort's private shadow server, first use (initdb and start included) | %.2f s | %.2fx psql |"
          % (m["private"], m["private"] / m["psql"]))
    print("| the same, the server's data folder copied from the kept template (start included) | %.2f s | %.2fx psql |"
          % (m["private_template"], m["private_template"] / m["psql"]))
    print("| second review of the demo project (`diff base:heads`, warm cache) | %.0f ms | |" % (1000 * m["warm_review"]))
    print("| `drift` of a %s-table database, cold cache | %.2f s | |" % (format(args.tables, ","), m["drift_cold"]))
    print("| `drift` of the same, warm cache | %.2f s | |" % m["drift_warm"])
    print("| `create --autogenerate` on the demo project, shadow on the same server | %.2f s | |"
          % m["autogen_configured"])
    print("| the same into the private shadow server (from the kept template, start included) | %.2f s | |"
          % m["autogen_private"])
    print()
    failures = []
    if m["configured"] / m["psql"] > TARGET_PSQL_RATIO:
        failures.append("replay %.2fx psql (target within %.1fx)" % (m["configured"] / m["psql"], TARGET_PSQL_RATIO))
    if m["warm_review"] > TARGET_WARM_REVIEW_S:
        failures.append("warm review %.0f ms (target %.0f ms)" % (1000 * m["warm_review"], 1000 * TARGET_WARM_REVIEW_S))
    print("Wall time of each command (process start, project loading and connecting included), medians of %d runs, "
          "one local PostgreSQL server with fsync off." % args.runs)
    print("Targets: replay within %.1fx of psql, a warm review under %.0f ms."
          % (TARGET_PSQL_RATIO, 1000 * TARGET_WARM_REVIEW_S))
    print("All met." if not failures else "Missed: " + "; ".join(failures))


if __name__ == "__main__":
    main()
