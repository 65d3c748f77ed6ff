#!/usr/bin/env python3
"""./dev bench graph: reading a large Alembic project, Retort against Alembic.

Makes an Alembic project of 10,000 revisions (branches that live a while and
are merged back, branch labels, depends_on edges, files exactly as Alembic
1.13's template writes them; made once and cached in the build folder), then
times, each in its own process:

  retort-cli heads / history / current / history -i   what this is about
  alembic heads / history / current / history -i      the same, python3-alembic
  cat of every revision file               the floor: just reading the files

and prints a table of median wall time, peak memory (the process's maximum
resident set, from wait4) and the ratio to Retort's run of the same command.
`current` and `history -i` read a SQLite database stamped at the project's
heads.

Then it loads a 100,000-revision project with retort-cli heads and history
(Alembic is not run there: it would take many minutes).

Targets: Retort's heads and history within 2x of cat and under 100 MB at
10,000 revisions. Options: --revisions N, --repeat N, --skip-alembic,
--skip-large.
"""

import argparse
import datetime
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

GENERATOR_VERSION = 1
TARGET_RATIO_TO_CAT = 2.0
TARGET_MEMORY_MIB = 100
COMMANDS = ("heads", "history", "current", "history -i")

TEMPLATE = '''"""{message}

Revision ID: {rev}
Revises: {revises}
Create Date: {date}

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = {rev!r}
down_revision: Union[str, None] = {down!r}
branch_labels: Union[str, Sequence[str], None] = {labels!r}
depends_on: Union[str, Sequence[str], None] = {depends!r}


def upgrade() -> None:
    op.add_column("{table}", sa.Column("{column}", sa.String(length=200), nullable=True))
    op.create_index("ix_{table}_{column}", "{table}", ["{column}"])


def downgrade() -> None:
    op.drop_index("ix_{table}_{column}", table_name="{table}")
    op.drop_column("{table}", "{column}")
'''

ALEMBIC_INI = """[alembic]
script_location = %(here)s/migrations
version_path_separator = os
sqlalchemy.url = sqlite:///{database}

[loggers]
keys = root

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
"""

ENV_PY = """from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config
connectable = engine_from_config(
    config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool
)
with connectable.connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
"""


def make_project(folder, count, seed=1):
    """A long-lived project: mostly one line, feature branches of a few
    revisions merged back, a labelled second line (its own base) that the
    main line sometimes depends on, and a few heads left open at the end.
    Returns the heads (for stamping the database)."""
    done = os.path.join(folder, ".complete")
    stamp = "%d %d %d" % (count, seed, GENERATOR_VERSION)
    if os.path.exists(done) and open(done).read().strip() == stamp:
        return open(os.path.join(folder, ".heads")).read().split()
    if os.path.exists(folder):
        shutil.rmtree(folder)
    versions = os.path.join(folder, "migrations", "versions")
    os.makedirs(versions)
    with open(os.path.join(folder, "alembic.ini"), "w") as ini:
        ini.write(ALEMBIC_INI.format(database=os.path.join(folder, "app.db")))
    with open(os.path.join(folder, "migrations", "env.py"), "w") as env:
        env.write(ENV_PY)
    with open(os.path.join(folder, "migrations", "script.py.mako"), "w") as mako:
        mako.write("")  # only `alembic revision` reads it

    rng = random.Random(seed)
    start = datetime.datetime(2019, 1, 1, 9, 0, 0)
    main = None  # tip of the main line
    side = None  # tip of the labelled line
    feature = []  # open feature branches: their tips
    children = {}
    labels_left = ["reports", "billing", "audit", "search", "exports"]
    for i in range(count):
        rid = "%012x" % rng.getrandbits(48)
        labels = None
        depends = None
        roll = rng.random()
        if main is None:
            down = None
            main = rid
        elif side is None and i > count // 20:
            down = None  # the second line starts here, with its label
            labels = (labels_left.pop(0),)
            side = rid
        elif roll < 0.08:
            down = side
            side = rid
            if labels_left and rng.random() < 0.05:
                labels = (labels_left.pop(0),)
        elif feature and roll < 0.30:
            k = rng.randrange(len(feature))
            if rng.random() < 0.2:
                down = (main, feature.pop(k))  # merged back
                main = rid
            else:
                down = feature[k]
                feature[k] = rid
        elif roll < 0.36 and len(feature) < 4:
            down = main  # a feature branch starts; main goes on elsewhere
            feature.append(rid)
        else:
            down = main
            main = rid
            if side is not None and rng.random() < 0.02:
                depends = side
        date = start + datetime.timedelta(hours=i * 7)
        text = TEMPLATE.format(
            message="Revision %d: add column c%d" % (i, i),
            rev=rid,
            revises=", ".join(down) if isinstance(down, tuple) else (down or ""),
            date=date.strftime("%Y-%m-%d %H:%M:%S.%f"),
            down=down,
            labels=labels,
            depends=depends,
            table="table_%d" % (i % 50),
            column="c%d" % i,
        )
        with open(os.path.join(versions, "%s_revision_%d.py" % (rid, i)), "w") as out:
            out.write(text)
        for parent in down if isinstance(down, tuple) else ([down] if down else []):
            children.setdefault(parent, []).append(rid)
        children.setdefault(rid, [])
    heads = sorted(rid for rid, kids in children.items() if not kids)
    with open(os.path.join(folder, ".heads"), "w") as out:
        out.write(" ".join(heads))
    with open(done, "w") as out:
        out.write(stamp)
    return heads


def stamp_database(folder, heads):
    """A SQLite database at the project's heads, as `alembic stamp heads`
    leaves it (written directly: stamping through Alembic takes long)."""
    path = os.path.join(folder, "app.db")
    if os.path.exists(path):
        os.remove(path)
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    connection.executemany("INSERT INTO alembic_version VALUES (?)", [(h,) for h in heads])
    connection.commit()
    connection.close()
    return "sqlite:///" + path


def run_once(argv, cwd):
    """Wall time (s), CPU time (s, user + system) and peak memory (MiB) of
    one run; output discarded."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("%s failed (%s):\n%s" % (" ".join(argv[:3]), os.waitstatus_to_exitcode(status), stderr[-2000:]))
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def measure(commands, cwd, repeat):
    """Runs the commands round-robin, `repeat` times each, so that load from
    elsewhere on the machine falls on all of them alike; returns per name the
    median wall time, median CPU time and the largest peak memory."""
    runs = {name: [] for name, _ in commands}
    for _ in range(repeat):
        for name, argv in commands:
            runs[name].append(run_once(argv, cwd))
    return {
        name: (
            statistics.median(r[0] for r in results),
            statistics.median(r[1] for r in results),
            max(r[2] for r in results),
        )
        for name, results in runs.items()
    }


def cat_command(folder):
    versions = os.path.join(folder, "migrations", "versions")
    files = [name for name in os.listdir(versions) if name.endswith(".py")]
    # xargs keeps the command line within the system's limit at any size.
    return ["sh", "-c", "cd '%s' && printf '%%s\\0' *.py | xargs -0 cat" % versions], len(files)


def print_table(title, rows, against):
    print()
    print(title)
    print()
    print("| Command | Median wall time | Median CPU time | Peak memory | Wall time / %s |" % against)
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, (wall, cpu, mib), ratio in rows:
        print("| %s | %.3f s | %.3f s | %.0f MB | %s |" % (name, wall, cpu, mib, ratio))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--revisions", type=int, default=10000)
    parser.add_argument("--large", type=int, default=100000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--alembic-repeat", type=int, default=3)
    parser.add_argument("--skip-alembic", action="store_true")
    parser.add_argument("--skip-large", action="store_true")
    args = parser.parse_args()

    retort = os.path.join(args.build_dir, "app", "retort-cli")
    alembic = shutil.which("alembic")
    cache = os.path.join(args.build_dir, "bench-graph")
    folder = os.path.join(cache, "alembic-%d" % args.revisions)
    print("making the %d-revision project in %s ..." % (args.revisions, folder), file=sys.stderr)
    heads = make_project(folder, args.revisions)
    url = stamp_database(folder, heads)
    cat, files = cat_command(folder)
    commands = [("retort-cli %s" % c, [retort, "-p", folder, "--db", url] + c.split()) for c in COMMANDS]
    commands.append(("cat", cat))
    results = measure(commands, folder, args.repeat)
    rows = [(name, results[name], "1.0") for name, _ in commands[:-1]]
    if not args.skip_alembic and alembic:
        ini = os.path.join(folder, "alembic.ini")
        alembic_results = measure([("alembic %s" % c, [alembic, "-c", ini, c]) for c in ("heads", "history")], folder,
                                  args.alembic_repeat)
        # current and history -i walk every ancestor of every current
        # revision in Alembic: once is enough.
        alembic_results.update(measure([("alembic %s" % c, [alembic, "-c", ini] + c.split())
                                        for c in ("current", "history -i")], folder, 1))
        for command in COMMANDS:
            name = "alembic %s" % command
            ratio = alembic_results[name][0] / results["retort-cli %s" % command][0]
            rows.append((name, alembic_results[name], "%.1f" % ratio))
    floor = results["cat"]
    rows.append(("cat of the %d files (the floor)" % files, floor,
                 "%.2f (heads), %.2f (history)" % (floor[0] / results["retort-cli heads"][0],
                                                    floor[0] / results["retort-cli history"][0])))
    print_table("%d revisions (%d heads); medians of %d runs (Alembic: %d, its current and history -i: 1)"
                % (args.revisions, len(heads), args.repeat, args.alembic_repeat), rows, "Retort's")

    print()
    for command in ("heads", "history"):
        wall, cpu, mib = results["retort-cli %s" % command]
        ratio = wall / floor[0]
        print("retort-cli %s: %.2fx cat's wall time (target %.0fx), %.0f MB (target under %d MB): %s"
              % (command, ratio, TARGET_RATIO_TO_CAT, mib, TARGET_MEMORY_MIB,
                 "ok" if ratio <= TARGET_RATIO_TO_CAT and mib < TARGET_MEMORY_MIB else "MISSED"))

    if not args.skip_large:
        large = os.path.join(cache, "alembic-%d" % args.large)
        print("making the %d-revision project in %s ..." % (args.large, large), file=sys.stderr)
        make_project(large, args.large, seed=2)
        large_cat, large_files = cat_command(large)
        commands = [("retort-cli %s" % c, [retort, "-p", large, c]) for c in ("heads", "history")]
        commands.append(("cat", large_cat))
        results = measure(commands, large, 3)
        floor = results["cat"]
        rows = [(name, results[name], "%.2f" % (results[name][0] / floor[0])) for name, _ in commands[:2]]
        rows.append(("cat of the %d files (the floor)" % large_files, floor, "1.0"))
        print_table("%d revisions; medians of 3 runs" % args.large, rows, "cat's")


if __name__ == "__main__":
    main()
