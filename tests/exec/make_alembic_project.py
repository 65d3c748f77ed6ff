#!/usr/bin/env python3
"""An Alembic project equivalent to a native Retort project, for interop tests.

    make_alembic_project.py NATIVE_DIR ALEMBIC_DIR [--sql]

Runs `alembic init` in ALEMBIC_DIR (alembic.ini, script.py.mako), replaces
env.py with one that connects to $DATABASE_URL (as many projects' env.py
do) or else to sqlalchemy.url, and writes one .py file per native revision
with the same id, down_revision, branch_labels, depends_on and message.
With --sql each upgrade()/downgrade() runs the native file's statements
(one op.execute each, split on ";\\n"); without it they do nothing, which
is enough where only the version table matters.
"""

import os
import re
import subprocess
import sys

ENV_PY = '''import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)
url = os.environ.get("DATABASE_URL") or config.get_main_option("sqlalchemy.url")


def run_migrations_offline():
    context.configure(url=url, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    engine = create_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
'''


def parse_native(path):
    header, sections, current = {}, {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            marker = re.match(r"-- migrate:(upgrade|downgrade)(?: (\w+))?\s*$", line)
            if marker:
                current = (marker.group(1), marker.group(2) or "")
                sections[current] = ""
                continue
            if current is None:
                key = re.match(r"-- (\w+):\s*(.*?)\s*$", line)
                if key:
                    header[key.group(1)] = key.group(2)
            else:
                sections[current] += line
    return header, sections


def tuple_or_none(value):
    items = [v.strip() for v in (value or "").split(",") if v.strip()]
    if not items:
        return "None"
    if len(items) == 1:
        return repr(items[0])
    return repr(tuple(items))


def body(sections, direction, with_sql):
    sql = sections.get((direction, "sqlite"), sections.get((direction, ""), ""))
    statements = [s.strip() for s in re.split(r";\s*\n", sql) if s.strip() and not s.strip().startswith("--")]
    if not with_sql or not statements:
        return "    pass\n"
    return "".join("    op.execute(%r)\n" % s.rstrip(";") for s in statements)


def main(argv):
    native, target = argv[1], argv[2]
    with_sql = "--sql" in argv
    os.makedirs(target, exist_ok=True)
    subprocess.run(["alembic", "-c", os.path.join(target, "alembic.ini"), "init", os.path.join(target, "alembic")],
                   check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(target, "alembic", "env.py"), "w") as f:
        f.write(ENV_PY)
    versions = os.path.join(target, "alembic", "versions")
    for name in sorted(os.listdir(os.path.join(native, "versions"))):
        if not name.endswith(".sql"):
            continue
        header, sections = parse_native(os.path.join(native, "versions", name))
        labels = [v.strip() for v in header.get("branch_labels", "").split(",") if v.strip()]
        with open(os.path.join(versions, name[:-4] + ".py"), "w") as f:
            f.write('"""%s\n\nRevision ID: %s\n"""\n' % (header["message"], header["revision"]))
            f.write("from alembic import op\n\n")
            f.write("revision = %r\n" % header["revision"])
            f.write("down_revision = %s\n" % tuple_or_none(header.get("down_revision")))
            f.write("branch_labels = %s\n" % (repr(tuple(labels)) if labels else "None"))
            f.write("depends_on = %s\n\n\n" % tuple_or_none(header.get("depends_on")))
            f.write("def upgrade():\n" + body(sections, "upgrade", with_sql) + "\n\n")
            f.write("def downgrade():\n" + body(sections, "downgrade", with_sql))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
