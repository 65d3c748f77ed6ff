#include "revision.h"

namespace Retort {

QString dialectName(Dialect dialect)
{
    switch (dialect) {
    case Dialect::PostgreSQL:
        return QStringLiteral("postgresql");
    case Dialect::SQLite:
        return QStringLiteral("sqlite");
    }
    return {};
}

const SqlSection *Revision::section(Direction direction, Dialect dialect) const
{
    const QString name = dialectName(dialect);
    const SqlSection *generic = nullptr;
    for (const SqlSection &candidate : sections) {
        if (candidate.direction != direction)
            continue;
        if (candidate.dialect == name)
            return &candidate;
        if (candidate.dialect.isEmpty())
            generic = &candidate;
    }
    return generic;
}

Error errorAbout(const Revision &revision, const QString &message)
{
    Error error = Error::at(revision.filePath, revision.line, message);
    error.revision = revision.id;
    return error;
}

} // namespace Retort
