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

std::optional<Dialect> dialectNamed(QStringView name)
{
    for (Dialect dialect : { Dialect::PostgreSQL, Dialect::SQLite }) {
        if (name == dialectName(dialect))
            return dialect;
    }
    return std::nullopt;
}

void SqlSection::setUtf8(QByteArray utf8)
{
    auto own = std::make_shared<const QByteArray>(std::move(utf8));
    m_utf8 = *own;
    m_owner = std::move(own);
}

void SqlSection::setUtf8(QByteArrayView lying, std::shared_ptr<const void> owner)
{
    m_utf8 = lying;
    m_owner = std::move(owner);
}

void Revision::setFilePath(const QString &path)
{
    const qsizetype nameStart = path.lastIndexOf(QLatin1Char('/')) + 1;
    fileFolder = path.first(nameStart);
    fileName = path.sliced(nameStart);
}

std::optional<SqlSection> Revision::section(Direction direction, Dialect dialect) const
{
    const QList<SqlSection> decoded = sections();
    const SqlSection *chosen = sectionIn(decoded, direction, dialect);
    return chosen ? std::optional(*chosen) : std::nullopt;
}

const SqlSection *Revision::sectionIn(const QList<SqlSection> &sections, Direction direction, Dialect dialect)
{
    const SqlSection *generic = nullptr;
    for (const SqlSection &candidate : sections) {
        if (candidate.direction != direction)
            continue;
        if (candidate.dialect == dialect)
            return &candidate;
        if (!candidate.dialect)
            generic = &candidate;
    }
    return generic;
}

Error errorAbout(const Revision &revision, const QString &message)
{
    Error error = Error::at(revision.filePath(), revision.line, message);
    error.revision = revision.id;
    return error;
}

} // namespace Retort
