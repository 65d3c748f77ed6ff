#!/usr/bin/env python3
"""A realistic Alembic project, made with the real `alembic` command.

    make_review_project.py DIR [--transaction-per-migration]

What people who use Alembic have: an application package (`app/`) with its
settings (read from DB_HOST, DB_PORT, DB_NAME, DB_USER, as twelve-factor apps
do) and SQLAlchemy models; `alembic init`'s files, with an env.py that takes
its URL from the app's settings (and ignores DATABASE_URL) and its
target_metadata from the models; revisions made by `alembic revision`, whose
bodies are then written as a developer would:

    a1 create users                  a2 create orders (FK to users)
    a3 backfill order totals (data migration: reads rows with op.get_bind())
    a4 index orders CONCURRENTLY in an autocommit_block()
    b1 audit log, a branch from a2 (label "audit")
    m1 merge of a4 and b1            a5 drop users.legacy_code

The models match the schema after a5, so `alembic check` is clean there.
"""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the checkout
from alembic_in_process import alembic  # noqa: E402

SETTINGS = '''import os

DB_HOST = os.environ.get("DB_HOST", "localhost")
DB_PORT = os.environ.get("DB_PORT", "5432")
DB_NAME = os.environ.get("DB_NAME", "app")
DB_USER = os.environ.get("DB_USER", "app")


def database_url():
    return "postgresql+psycopg2://%s@%s:%s/%s" % (DB_USER, DB_HOST, DB_PORT, DB_NAME)
'''

MODELS = '''import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id = sa.Column(sa.Integer, primary_key=True)
    email = sa.Column(sa.String(200), nullable=False, unique=True)


class Order(Base):
    __tablename__ = "orders"
    id = sa.Column(sa.Integer, primary_key=True)
    user_id = sa.Column(sa.Integer, sa.ForeignKey("users.id"), nullable=False)
    quantity = sa.Column(sa.Integer, nullable=False)
    unit_price = sa.Column(sa.Numeric(10, 2), nullable=False)
    total = sa.Column(sa.Numeric(12, 2))
    __table_args__ = (sa.Index("ix_orders_user_id", "user_id"),)


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id = sa.Column(sa.Integer, primary_key=True)
    action = sa.Column(sa.Text, nullable=False)
'''

ENV_PY = '''from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool

from app import models, settings

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)

target_metadata = models.Base.metadata


def run_migrations_offline() -> None:
    context.configure(
        url=settings.database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},%(per_migration)s
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    section = config.get_section(config.config_ini_section, {})
    section["sqlalchemy.url"] = settings.database_url()
    connectable = engine_from_config(section, prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,%(per_migration)s
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
'''

BODIES = {
    "a1": ('''    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(200), nullable=False, unique=True),
        sa.Column("legacy_code", sa.String(20)),
    )
''', '''    op.drop_table("users")
'''),
    "a2": ('''    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price", sa.Numeric(10, 2), nullable=False),
    )
''', '''    op.drop_table("orders")
'''),
    "a3": ('''    op.add_column("orders", sa.Column("total", sa.Numeric(12, 2)))
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, quantity, unit_price FROM orders")).fetchall()
    for order_id, quantity, unit_price in rows:
        bind.execute(
            sa.text("UPDATE orders SET total = :total WHERE id = :id"),
            {"total": quantity * unit_price, "id": order_id},
        )
''', '''    op.drop_column("orders", "total")
'''),
    "a4": ('''    with op.get_context().autocommit_block():
        op.create_index("ix_orders_user_id", "orders", ["user_id"], postgresql_concurrently=True)
''', '''    with op.get_context().autocommit_block():
        op.drop_index("ix_orders_user_id", table_name="orders", postgresql_concurrently=True)
'''),
    "b1": ('''    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("action", sa.Text(), nullable=False),
    )
''', '''    op.drop_table("audit_log")
'''),
    "m1": None,
    "a5": ('''    op.drop_column("users", "legacy_code")
''', '''    op.add_column("users", sa.Column("legacy_code", sa.String(20)))
'''),
}

IDS = {
    "a1": "1a0c0ffee001",
    "a2": "2a0c0ffee002",
    "a3": "3a0c0ffee003",
    "a4": "4a0c0ffee004",
    "b1": "5b0c0ffee005",
    "m1": "6c0c0ffee006",
    "a5": "7a0c0ffee007",
}


def fill(path, upgrade, downgrade):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for name, body in (("upgrade", upgrade), ("downgrade", downgrade)):
        stub = "def %s() -> None:\n    # ### commands auto generated by Alembic - please adjust! ###\n    pass\n" \
               "    # ### end Alembic commands ###\n" % name
        if stub not in text:
            stub = "def %s() -> None:\n    pass\n" % name
        assert stub in text, (path, name)
        text = text.replace(stub, "def %s() -> None:\n%s" % (name, body))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main(argv):
    project = os.path.abspath(argv[1])
    per_migration = "--transaction-per-migration" in argv
    os.makedirs(os.path.join(project, "app"), exist_ok=True)
    for name, text in (("__init__.py", ""), ("settings.py", SETTINGS), ("models.py", MODELS)):
        with open(os.path.join(project, "app", name), "w", encoding="utf-8") as f:
            f.write(text)
    alembic(project, "init", "migrations")
    with open(os.path.join(project, "migrations", "env.py"), "w", encoding="utf-8") as f:
        f.write(ENV_PY % {"per_migration": "\n        transaction_per_migration=True," if per_migration else ""})
    # env.py imports the app: alembic.ini's prepend_sys_path (".") puts the project folder on sys.path.
    steps = [
        ("a1", "Create users", ["--head", "base"]),
        ("a2", "Create orders", []),
        ("a3", "Backfill order totals", []),
        ("a4", "Index orders by user", []),
        ("b1", "Create audit log", ["--head", IDS["a2"], "--branch-label", "audit", "--splice"]),
    ]
    for key, message, extra in steps:
        alembic(project, "revision", "-m", message, "--rev-id", IDS[key], *extra)
    alembic(project, "merge", "-m", "Merge audit", "--rev-id", IDS["m1"], IDS["a4"], IDS["b1"])
    alembic(project, "revision", "-m", "Drop legacy codes", "--rev-id", IDS["a5"])
    versions = os.path.join(project, "migrations", "versions")
    for name in os.listdir(versions):
        key = next((k for k, v in IDS.items() if name.startswith(v)), None)
        if key and BODIES[key]:
            fill(os.path.join(versions, name), BODIES[key][0],
                 BODIES[key][1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
