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

void SqlSection::setUtf8(QByteArray utf8)
{
    m_utf8 = std::move(utf8);
    m_owner.reset();
}

void SqlSection::setUtf8(QByteArrayView lying, std::shared_ptr<const void> owner)
{
    // fromRawData: no copy, and nothing is freed when it goes.
    m_utf8 = QByteArray::fromRawData(lying.data(), lying.size());
    m_owner = std::move(owner);
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
