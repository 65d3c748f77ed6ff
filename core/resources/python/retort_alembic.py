"""Retort's bridge into a project's own Alembic, run by the project's Python.

    python retort_alembic.py probe
    python retort_alembic.py alembic ARG...      (ARG: alembic's own arguments)

`probe` prints, as one JSON object on stdout, which Python this is and the
versions of Alembic and SQLAlchemy it imports (or why it cannot).

`alembic` runs Alembic's command line inside this process, so that Retort
can see what happens in it. What Retort adds is described by a JSON object
in the environment variable RETORT_ALEMBIC_SPEC (never a password: that
goes through PGPASSFILE):

- "url": the database as a SQLAlchemy URL; it becomes the Config's
  sqlalchemy.url and the -x arguments url, db_url and sqlalchemy.url
  (DATABASE_URL and the project's own variables are set by Retort);
- "expect": the database Retort locked and planned against. Before Alembic
  sends its first statement (when env.py calls context.configure), the
  connection env.py opened is compared with it, and Alembic stops there
  when it differs;
- "sql": the queries that comparison runs (they live in Retort's resources).

Every step Alembic runs is reported as it starts and when it is applied
(Alembic's on_version_apply hook, added to the project's own), and a
failure names the revision, the file and line in it, the server's message
and SQLSTATE. Retort's events go to stderr as lines that start with
EVENT_MARK, followed by one JSON object.

Exit codes: 0 done, 2 bad arguments, 3 refused (another database),
4 Alembic did not start (no alembic, env.py failed, a command error),
5 a migration failed.
"""

import json
import os
import sys
import traceback

EVENT_MARK = "\x1eretort "
EXIT_REFUSED = 3
EXIT_NOT_STARTED = 4
EXIT_FAILED = 5


def emit(event, **data):
    data["event"] = event
    sys.stderr.write(EVENT_MARK + json.dumps(data, default=str) + "\n")
    sys.stderr.flush()


def probe():
    info = {
        "python": "%d.%d.%d" % sys.version_info[:3],
        "executable": sys.executable,
        "prefix": sys.prefix,
        "base_prefix": getattr(sys, "base_prefix", sys.prefix),
    }
    # Where imports come from (not this script's own folder): Retort keeps
    # the answer while none of these changes.
    info["watched"] = [entry for entry in sys.path[1:] if entry and os.path.exists(entry)]
    for module in ("alembic", "sqlalchemy"):
        try:
            imported = __import__(module)
            info[module] = getattr(imported, "__version__", "unknown")
            info["watched"].append(os.path.dirname(os.path.abspath(imported.__file__)))
        except Exception as error:  # whatever stops the import is what the user must fix
            info[module + "_error"] = "%s: %s" % (type(error).__name__, error)
    sys.stdout.write(json.dumps(info) + "\n")
    return 0


class Refused(Exception):
    """Alembic's connection is not the database Retort locked."""

    def __init__(self, message, actual, expected):
        Exception.__init__(self, message)
        self.actual = actual
        self.expected = expected


def row(connection, sql, **params):
    from sqlalchemy import text

    result = connection.execute(text(sql), params).mappings().first()
    return dict(result) if result is not None else {}


def identity(connection, spec):
    """Where `connection` is: dialect, database, server address, port, system id."""
    dialect = connection.dialect.name
    found = {"dialect": dialect}
    if dialect == "postgresql":
        found.update(row(connection, spec["sql"]["identity"]))
        if row(connection, spec["sql"]["system_identifier_readable"]).get("readable"):
            found.update(row(connection, spec["sql"]["system_identifier"]))
    elif dialect == "sqlite":
        path = ""
        for entry in connection.exec_driver_sql("PRAGMA database_list").fetchall():
            if entry[1] == "main":
                path = entry[2] or ""
        found["path"] = path
        if path and os.path.exists(path):
            status = os.stat(path)
            found["device"] = status.st_dev
            found["inode"] = status.st_ino
    return found


def describe(place):
    if place.get("dialect") == "sqlite":
        return "SQLite file %s" % (place.get("path") or "(in memory)")
    text = "database %s on %s port %s" % (
        place.get("database"), place.get("address") or "the local socket", place.get("port"))
    if place.get("system_identifier"):
        text += " (system identifier %s)" % place["system_identifier"]
    return text


def check_connection(connection, spec):
    """Refuses unless `connection` reaches the database Retort holds locked."""
    expected = spec.get("expect")
    if not expected:
        return
    if connection is None:
        raise Refused("env.py configured Alembic without a connection, so Retort cannot tell which database it "
                      "would change", {}, expected)
    was_in_transaction = connection.in_transaction()
    try:
        try:
            actual = identity(connection, spec)
        except Exception as error:  # the check itself failed: nothing may run unchecked
            raise Refused("cannot tell which database env.py's connection reaches (%s: %s)"
                          % (type(error).__name__, str(error).strip().splitlines()[0]), {}, expected)
        if actual["dialect"] != expected["dialect"]:
            raise Refused("env.py connected to a %s database, Retort to a %s one"
                          % (actual["dialect"], expected["dialect"]), actual, expected)
        if actual["dialect"] == "sqlite":
            same = (actual.get("device"), actual.get("inode")) == (expected.get("device"), expected.get("inode"))
        else:
            # The proof: Retort's lock connection, named with a random nonce,
            # holds the run lock in this very database of this very server.
            lock = expected["lock"]
            try:
                held = row(connection, spec["sql"]["proof"], pid=lock["pid"],
                           application_name=lock["application_name"], classid=lock["classid"], objid=lock["objid"])
            except Exception as error:
                raise Refused("cannot look for Retort's lock from env.py's connection (%s: %s)"
                              % (type(error).__name__, str(error).strip().splitlines()[0]), actual, expected)
            actual["holds_retort_lock"] = bool(held.get("held"))
            same = actual["holds_retort_lock"] and actual.get("database") == expected.get("database")
            if expected.get("system_identifier") and actual.get("system_identifier"):
                same = same and str(expected["system_identifier"]) == str(actual["system_identifier"])
        if not same:
            raise Refused("env.py connected to %s, not to %s that Retort locked and planned against"
                          % (describe(actual), describe(expected)), actual, expected)
        emit("connected", actual=actual)
    finally:
        # Leave the connection as env.py made it: Alembic decides from its
        # transaction state whether it manages transactions itself.
        if not was_in_transaction and connection.in_transaction():
            connection.rollback()


class Run:
    """What Alembic did so far in this process."""

    def __init__(self, spec):
        self.spec = spec
        self.running = None  # the step being run: {"revision", "path", ...}
        self.started = 0
        self.applied = 0

    def step_started(self, step):
        revision = step.revision if hasattr(step, "revision") else None
        self.running = {
            "revision": getattr(revision, "revision", None),
            "path": getattr(revision, "path", None),
            "upgrade": bool(getattr(step, "is_upgrade", True)),
        }
        self.started += 1
        emit("step-started", **self.running)

    def on_version_apply(self, ctx=None, step=None, heads=None, run_args=None, **_):
        self.applied += 1
        revision = step.up_revision_id if step.is_upgrade else (step.down_revision_ids or (None,))[0]
        if not step.is_upgrade and step.up_revision_id:
            revision = step.up_revision_id  # a downgrade reverts its "up" revision
        emit("step-applied", revision=revision, upgrade=bool(step.is_upgrade), heads=sorted(heads or ()),
             stamp=bool(getattr(step, "is_stamp", False)))


def install_hooks(run):
    from alembic.runtime.environment import EnvironmentContext
    from alembic.runtime.migration import MigrationContext

    configure = EnvironmentContext.configure

    def checked_configure(self, *args, **kw):
        if not self.is_offline_mode():
            connection = args[0] if args else kw.get("connection")
            check_connection(connection, run.spec)
            own = kw.get("on_version_apply")
            if own is None:
                own = ()
            elif callable(own):
                own = (own,)
            kw["on_version_apply"] = (run.on_version_apply,) + tuple(own)
        return configure(self, *args, **kw)

    EnvironmentContext.configure = checked_configure

    run_migrations = MigrationContext.run_migrations

    def reported_run_migrations(self, **kw):
        steps_of = self._migrations_fn
        if steps_of is not None and not self.as_sql:
            def reported(heads, context):
                for step in steps_of(heads, context):
                    run.step_started(step)
                    yield step

            self._migrations_fn = reported
        return run_migrations(self, **kw)

    MigrationContext.run_migrations = reported_run_migrations


def library_folders():
    import sysconfig

    folders = set()
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        path = sysconfig.get_paths().get(key)
        if path:
            folders.add(os.path.realpath(path))
    for module in ("alembic", "sqlalchemy"):
        imported = sys.modules.get(module)
        if imported is not None and getattr(imported, "__file__", None):
            folders.add(os.path.realpath(os.path.dirname(imported.__file__)))
    return folders


def user_frames(error):
    """The traceback's frames in the project's own code (env.py, revisions, the app)."""
    here = os.path.realpath(__file__)
    libraries = library_folders()
    frames = []
    for frame in traceback.extract_tb(error.__traceback__):
        path = os.path.realpath(frame.filename) if not frame.filename.startswith("<") else frame.filename
        if path == here or path.startswith("<"):  # <frozen …>, and <string>: Alembic's generated proxies
            continue
        if any(path.startswith(folder + os.sep) for folder in libraries) or "site-packages" in path \
                or "dist-packages" in path:
            continue
        frames.append(frame)
    return frames


def database_error(error):
    """The server's side of `error`: message, SQLSTATE, detail, statement."""
    found = {}
    seen = set()
    current = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        statement = getattr(current, "statement", None)
        if statement and "statement" not in found:
            found["statement"] = str(statement)
        if getattr(current, "connection_invalidated", False):
            found["lost"] = True
        code = getattr(current, "pgcode", None) or getattr(current, "sqlstate", None)
        if code and "sqlstate" not in found:
            found["sqlstate"] = str(code)
            diag = getattr(current, "diag", None)
            primary = getattr(diag, "message_primary", None) if diag is not None else None
            message = primary or getattr(current, "message", None) or getattr(current, "pgerror", None)
            if message:
                found["message"] = str(message).strip().splitlines()[0].replace("ERROR:  ", "")
            detail = getattr(diag, "message_detail", None) if diag is not None else getattr(current, "detail", None)
            if detail:
                found["detail"] = str(detail)
        if "driver_message" not in found and getattr(current, "orig", None) is not None:
            found["driver_message"] = str(current.orig).strip().splitlines()[0] if str(current.orig).strip() else ""
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__
    # Drivers without SQLSTATEs (sqlite3) still say what went wrong.
    driver_message = found.pop("driver_message", "")
    if "message" not in found and driver_message:
        found["message"] = driver_message
    return found


def failure_event(error, run):
    frames = user_frames(error)
    trimmed = "".join(traceback.format_list(frames)) + "".join(traceback.format_exception_only(type(error), error))
    data = {
        "type": type(error).__name__,
        "message": str(error).strip(),
        "traceback": trimmed.rstrip("\n"),
    }
    data.update({"server_" + key if key == "message" else key: value
                 for key, value in database_error(error).items()})
    where = frames
    if run.running and run.running.get("path"):
        in_revision = [f for f in frames if os.path.realpath(f.filename) == os.path.realpath(run.running["path"])]
        where = in_revision or []
    if where:
        data["file"] = where[-1].filename
        data["line"] = where[-1].lineno
    if isinstance(error, SyntaxError) and error.filename:
        data["file"] = error.filename
        data["line"] = error.lineno
    return data


def run_alembic(arguments):
    try:
        spec = json.loads(os.environ.get("RETORT_ALEMBIC_SPEC") or "{}")
    except ValueError as error:
        emit("not-started", reason="spec", message="RETORT_ALEMBIC_SPEC is not JSON: %s" % error)
        return EXIT_NOT_STARTED
    try:
        from alembic import util
        from alembic.config import CommandLine, Config
    except Exception as error:
        emit("not-started", reason="alembic", message="%s: %s" % (type(error).__name__, error))
        return EXIT_NOT_STARTED

    command_line = CommandLine(prog="alembic")
    options = command_line.parser.parse_args(arguments)
    if not hasattr(options, "cmd"):
        command_line.parser.error("too few arguments")
    url = spec.get("url")
    if url:
        given = {x.split("=", 1)[0] for x in (options.x or [])}
        options.x = list(options.x or []) + ["%s=%s" % (key, url) for key in ("url", "db_url", "sqlalchemy.url")
                                             if key not in given]
    config = Config(file_=options.config, ini_section=options.name, cmd_opts=options)
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))

    run = Run(spec)
    install_hooks(run)
    function, positional, keywords = options.cmd
    try:
        function(config, *[getattr(options, k, None) for k in positional],
                 **{k: getattr(options, k, None) for k in keywords})
    except Refused as refused:
        emit("refused", message=str(refused), actual=refused.actual, expected=refused.expected)
        return EXIT_REFUSED
    except util.CommandError as error:
        emit("not-started" if run.started == 0 else "failed", reason="command", message=str(error),
             revision=(run.running or {}).get("revision"))
        return EXIT_NOT_STARTED if run.started == 0 else EXIT_FAILED
    except (Exception, KeyboardInterrupt) as error:
        data = failure_event(error, run)
        if run.started == 0:
            emit("not-started", reason="env", **data)
            return EXIT_NOT_STARTED
        emit("failed", revision=run.running.get("revision"), path=run.running.get("path"),
             upgrade=run.running.get("upgrade"), **data)
        return EXIT_FAILED
    emit("finished", steps=run.applied)
    return 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "probe":
        return probe()
    if len(argv) >= 2 and argv[1] == "alembic":
        return run_alembic(argv[2:])
    sys.stderr.write("usage: retort_alembic.py probe | alembic ARG...\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
