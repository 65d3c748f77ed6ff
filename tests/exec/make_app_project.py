#!/usr/bin/env python3
"""A realistic Alembic project, as an application team keeps one.

    make_app_project.py DIR [--env VARIANT] [--venv] [--failing-step]
    make_app_project.py DIR --env VARIANT            (only rewrites env.py)

Writes DIR/app/ (a settings module that reads DB_HOST, DB_PORT, DB_NAME,
DB_USER, DB_DRIVER and DB_PATH from the environment, and SQLAlchemy models),
runs `alembic init` and `alembic revision` (the real alembic; --rev-id keeps
the ids fixed) and fills in the revisions:

  a1c0ffee0001  create organizations
  b2c0ffee0002  create users (foreign key to organizations)
  c3c0ffee0003  data migration: a default organization, through op.get_bind()
  d4c0ffee0004  index on users.email, CREATE INDEX CONCURRENTLY inside
                autocommit_block() on PostgreSQL

With --failing-step the second revision inserts into a table that does not
exist, after creating its own: the second of the migrations fails.

env.py VARIANTs (how real env.py files find their database):
  settings            the app's settings module (DB_* variables); ignores
                      DATABASE_URL and sqlalchemy.url (the default)
  settings-async      the same URL with the asyncpg driver, async engine
  ini                 sqlalchemy.url through engine_from_config (alembic's
                      own template)
  database-url        os.environ["DATABASE_URL"] with create_engine
  x-argument          -x url=... (context.get_x_argument)

--venv makes DIR/.venv with `python3 -m venv --system-site-packages`, the
way a team gives a project its own Python (with the system's Alembic).
"""

import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the checkout
from alembic_in_process import alembic  # noqa: E402

SETTINGS_PY = '''"""The application's settings: the database comes from DB_* variables."""
import os


def database_url(driver=None):
    if os.environ.get("DB_PATH"):
        return "sqlite:///" + os.environ["DB_PATH"]
    driver = driver or os.environ.get("DB_DRIVER", "postgresql+psycopg2")
    user = os.environ.get("DB_USER", "app")
    host = os.environ.get("DB_HOST", "localhost")
    port = os.environ.get("DB_PORT", "5432")
    name = os.environ.get("DB_NAME", "app")
    return "%s://%s@%s:%s/%s" % (driver, user, host, port, name)
'''

MODELS_PY = '''"""The application's tables."""
import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Organization(Base):
    __tablename__ = "organizations"
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), nullable=False)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    organization_id: Mapped[int] = mapped_column(sa.Integer, sa.ForeignKey("organizations.id"), nullable=True)
    email: Mapped[str] = mapped_column(sa.String(320), nullable=False, index=True)
'''

ENV_HEAD = '''import os
import sys
from logging.config import fileConfig

from alembic import context

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from app import models, settings  # noqa: E402

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)
target_metadata = models.Base.metadata
'''

ENV_OFFLINE = '''

def run_migrations_offline():
    context.configure(url=URL, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
'''

ENV_SYNC = '''

def run_migrations_online():
    connectable = CONNECTABLE
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
'''

ENV_ASYNC = '''
import asyncio  # noqa: E402

from sqlalchemy.ext.asyncio import create_async_engine  # noqa: E402


def do_run_migrations(connection):
    context.configure(connection=connection, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


async def run_async_migrations():
    connectable = create_async_engine(URL)
    async with connectable.connect() as connection:
        await connection.run_sync(do_run_migrations)
    await connectable.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    asyncio.run(run_async_migrations())
'''

VARIANTS = {
    "settings": ("URL = settings.database_url()\n", "create_engine(URL)", ENV_SYNC),
    "settings-async": ('URL = settings.database_url("postgresql+asyncpg")\n', None, ENV_ASYNC),
    "ini": ('URL = config.get_main_option("sqlalchemy.url")\n',
            'engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", '
            'poolclass=pool.NullPool)', ENV_SYNC),
    "database-url": ('URL = os.environ["DATABASE_URL"]\n', "create_engine(URL)", ENV_SYNC),
    "x-argument": ('URL = context.get_x_argument(as_dictionary=True).get("url")\n', "create_engine(URL)", ENV_SYNC),
}

REVISIONS = [
    ("a1c0ffee0001", "create organizations", None,
     '''    op.create_table(
        "organizations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(length=200), nullable=False),
    )''',
     '''    op.drop_table("organizations")'''),
    ("b2c0ffee0002", "create users", "a1c0ffee0001",
     '''    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("organization_id", sa.Integer(), sa.ForeignKey("organizations.id"), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=False),
    )''',
     '''    op.drop_table("users")'''),
    ("c3c0ffee0003", "default organization for existing users", "b2c0ffee0002",
     '''    bind = op.get_bind()
    bind.execute(sa.text("INSERT INTO organizations (name) VALUES ('default')"))
    default_id = bind.execute(sa.text("SELECT min(id) FROM organizations")).scalar()
    bind.execute(sa.text("UPDATE users SET organization_id = :id WHERE organization_id IS NULL"), {"id": default_id})''',
     '''    op.get_bind().execute(sa.text("DELETE FROM organizations WHERE name = 'default'"))'''),
    ("d4c0ffee0004", "index users by email", "c3c0ffee0003",
     '''    with op.get_context().autocommit_block():
        op.create_index("ix_users_email", "users", ["email"], postgresql_concurrently=True)''',
     '''    op.drop_index("ix_users_email", table_name="users")'''),
]

FAILING_STEP = '''    op.create_table("audit", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("INSERT INTO missing_table (id) VALUES (1)")'''


def write_env(directory, variant):
    url, connectable, tail = VARIANTS[variant]
    text = ENV_HEAD
    if connectable and "engine_from_config" in connectable:
        text += "from sqlalchemy import engine_from_config, pool\n"
    elif connectable:
        text += "from sqlalchemy import create_engine\n"
    text += url + ENV_OFFLINE + tail.replace("CONNECTABLE", connectable or "")
    with open(os.path.join(directory, "migrations", "env.py"), "w") as f:
        f.write(text)


def fill(path, upgrade, downgrade):
    with open(path) as f:
        text = f.read()
    # The template's bodies are "    pass" under def upgrade() and def downgrade().
    text = re.sub(r"(def upgrade\(\)[^\n]*:\n)(?:    # .*\n)*    pass\n", lambda m: m.group(1) + upgrade + "\n", text)
    text = re.sub(r"(def downgrade\(\)[^\n]*:\n)(?:    # .*\n)*    pass\n", lambda m: m.group(1) + downgrade + "\n",
                  text)
    with open(path, "w") as f:
        f.write(text)


def main(argv):
    directory = os.path.abspath(argv[1])
    variant = argv[argv.index("--env") + 1] if "--env" in argv else "settings"
    if os.path.exists(os.path.join(directory, "alembic.ini")):
        write_env(directory, variant)
        return 0
    os.makedirs(os.path.join(directory, "app"), exist_ok=True)
    with open(os.path.join(directory, "app", "__init__.py"), "w"):
        pass
    with open(os.path.join(directory, "app", "settings.py"), "w") as f:
        f.write(SETTINGS_PY)
    with open(os.path.join(directory, "app", "models.py"), "w") as f:
        f.write(MODELS_PY)
    alembic(directory, "init", "migrations")
    write_env(directory, "ini")  # `alembic revision` imports env.py only with --autogenerate; any variant does
    versions = os.path.join(directory, "migrations", "versions")
    for index, (rev, message, parent, upgrade, downgrade) in enumerate(REVISIONS):
        alembic(directory, "revision", "-m", message, "--rev-id", rev)
        if index == 1 and "--failing-step" in argv:
            upgrade = FAILING_STEP
        (made,) = [name for name in os.listdir(versions) if name.startswith(rev)]
        fill(os.path.join(versions, made), upgrade, downgrade)
    write_env(directory, variant)
    if "--venv" in argv:
        subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip",
                        os.path.join(directory, ".venv")], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
