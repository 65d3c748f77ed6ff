#pragma once

#include "db/connectionsettings.h"
#include "process/processrunner.h"
#include "util/result.h"

#include <QTemporaryFile>

#include <memory>

namespace Retort {

// A password for a child program (pg_dump, pg_restore, psql, alembic)
// without putting it in argv or PGPASSWORD, which other users may read from
// ps or /proc on some systems: a temporary pgpass file, mode 0600, removed
// when this object goes. Without a password in the settings, nothing is
// written and libpq's own ~/.pgpass and PGPASSFILE keep working.
class PassFile
{
public:
    static Result<std::unique_ptr<PassFile>> create(const ConnectionSettings &settings);

    // Points `request` at the file (PGPASSFILE) and removes PGPASSWORD,
    // which would take precedence over it.
    void apply(ProcessRequest &request) const;
    QString path() const { return m_file ? m_file->fileName() : QString(); }

private:
    std::unique_ptr<QTemporaryFile> m_file;
};

// A pgpass line that matches any server: "*:*:*:*:password", with ':' and
// '\' escaped as libpq expects.
QByteArray pgpassLine(const QString &password);

} // namespace Retort
