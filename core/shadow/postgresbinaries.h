#pragma once

#include "util/result.h"

#include <QList>
#include <QString>

namespace Retort {

// One installation of the PostgreSQL server programs (initdb, pg_ctl).
struct PostgresBinaries {
    QString directory; // holds initdb and pg_ctl
    int major = 0; // 17 for PostgreSQL 17.2; 0 when unknown

    QString program(const QString &name) const;
};

// Every installation found here, newest first: the folder of initdb on
// PATH, then Debian's and Ubuntu's /usr/lib/postgresql/N/bin and the PGDG
// packages' /usr/pgsql-N/bin (the versioned folders are not on PATH there).
QList<PostgresBinaries> findPostgresBinaries();

// The installation whose major version is `wantedMajor` (0: the newest);
// when there is none of that version, the newest, with `warning` naming
// both versions. An error saying what to install when there is none.
Result<PostgresBinaries> choosePostgresBinaries(int wantedMajor, QString *warning);
// The same choice among `found` (newest first).
Result<PostgresBinaries> choosePostgresBinaries(
    const QList<PostgresBinaries> &found, int wantedMajor, QString *warning);

} // namespace Retort
