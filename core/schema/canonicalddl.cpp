#include "canonicalddl.h"

#include "schemadiff.h"

namespace Retort {

namespace {

QString commented(const QString &text)
{
    return QLatin1String("-- ") + QString(text).replace(QLatin1Char('\n'), QLatin1String("\n-- "));
}

} // namespace

SchemaModel CanonicalDdl::emptyModel(Dialect dialect)
{
    SchemaModel model;
    model.dialect = dialect;
    if (dialect == Dialect::PostgreSQL)
        model.schemas = { QStringLiteral("public") };
    return model;
}

QString CanonicalDdl::write(const SchemaModel &model)
{
    // The dump is the diff from an empty database, so that dump and diff
    // can never disagree on how an object is written or ordered.
    SchemaModel empty = emptyModel(model.dialect);
    empty.serverVersion = model.serverVersion;
    QString text;
    for (const SchemaChange &change : SchemaDiff::compare(empty, model)) {
        if (!text.isEmpty())
            text += QLatin1Char('\n');
        if (!change.note.isEmpty())
            text += commented(change.note) + QLatin1Char('\n');
        if (!change.problem.isEmpty()) {
            text += commented(change.problem) + QLatin1Char('\n');
            if (!change.sql.isEmpty())
                text += commented(change.sql) + QLatin1Char('\n');
            continue;
        }
        text += change.sql + QLatin1Char('\n');
    }
    return text;
}

} // namespace Retort
