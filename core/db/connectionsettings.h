#pragma once

#include "project/revision.h"
#include "util/result.h"

#include <QMap>
#include <QString>

namespace Retort {

// Where a database is and how to reach it, parsed from a URL:
//   postgresql://user:password@host:port/database?sslmode=require
//   (also postgres:// and SQLAlchemy's postgresql+psycopg2://)
//   sqlite:///relative/path.db, sqlite:////absolute/path.db (SQLAlchemy's rule)
// Anything not given is left to libpq's own defaults: PGHOST, PGPORT,
// PGUSER, PGSERVICE, ~/.pgpass and pg_service.conf keep working.
struct ConnectionSettings {
    Dialect dialect = Dialect::PostgreSQL;
    // SQLAlchemy's driver, from a scheme such as postgresql+asyncpg:// (for
    // an Alembic project's Python); empty: SQLAlchemy's default.
    QString driver;
    QString host;
    int port = -1;
    QString database;
    QString user;
    QString password; // never written to logs or settings; see redactedUrl()
    QMap<QString, QString> options; // libpq keywords: sslmode, connect_timeout, service...
    QString sqlitePath; // absolute

    static Result<ConnectionSettings> fromUrl(const QString &url, const QString &baseDirectory = {});

    // The URL with the password replaced by "***", safe for logs, titles and
    // error messages.
    QString redactedUrl() const;
    // The URL with the password, for handing to another instance of Retort
    // through the environment (never argv). The driver is kept
    // (postgresql+asyncpg://).
    QString url() const;
    // Short human name: "demo.sqlite" or "user@host:port/database".
    QString displayName() const;
    // The libpq connect options string for QPSQL ("sslmode=require;...").
    QString libpqOptions() const;
    // A libpq connection string for child programs (pg_dump --dbname=...):
    // host, port, database, user and options, never the password (that goes
    // through a passfile, see PassFile).
    QString conninfo() const;
};

// Replaces the password in anything that looks like a URL with credentials,
// for messages that may quote one (e.g. a driver error).
QString redactPasswords(QString text);

} // namespace Retort
