#include "transactionrules.h"

namespace Retort {

namespace {

bool startsWith(const QStringList &words, std::initializer_list<const char *> prefix)
{
    if (words.size() < qsizetype(prefix.size()))
        return false;
    qsizetype i = 0;
    for (const char *word : prefix) {
        if (words.at(i++) != QLatin1String(word))
            return false;
    }
    return true;
}

QString postgresBlocker(const QStringList &words)
{
    const QString first = words.value(0);
    const QString second = words.value(1);
    if (first == QLatin1String("CREATE")) {
        // CREATE [UNIQUE] INDEX CONCURRENTLY
        const qsizetype index = words.indexOf(QLatin1String("INDEX"));
        if ((index == 1 || (index == 2 && second == QLatin1String("UNIQUE"))) &&
            words.value(index + 1) == QLatin1String("CONCURRENTLY"))
            return QStringLiteral("CREATE INDEX CONCURRENTLY");
        if (second == QLatin1String("DATABASE") || second == QLatin1String("TABLESPACE") ||
            second == QLatin1String("SUBSCRIPTION"))
            return QStringLiteral("CREATE ") + second;
        return {};
    }
    if (first == QLatin1String("DROP")) {
        if (startsWith(words, { "DROP", "INDEX", "CONCURRENTLY" }))
            return QStringLiteral("DROP INDEX CONCURRENTLY");
        if (second == QLatin1String("DATABASE") || second == QLatin1String("TABLESPACE") ||
            second == QLatin1String("SUBSCRIPTION"))
            return QStringLiteral("DROP ") + second;
        return {};
    }
    if (first == QLatin1String("REINDEX")) {
        if (words.contains(QLatin1String("CONCURRENTLY")))
            return QStringLiteral("REINDEX CONCURRENTLY");
        if (words.contains(QLatin1String("SYSTEM")) || words.contains(QLatin1String("DATABASE")))
            return QStringLiteral("REINDEX ") +
                (words.contains(QLatin1String("SYSTEM")) ? QStringLiteral("SYSTEM") : QStringLiteral("DATABASE"));
        return {};
    }
    if (first == QLatin1String("VACUUM"))
        return QStringLiteral("VACUUM");
    if (startsWith(words, { "ALTER", "SYSTEM" }))
        return QStringLiteral("ALTER SYSTEM");
    if (startsWith(words, { "ALTER", "DATABASE" }) && words.contains(QLatin1String("TABLESPACE")))
        return QStringLiteral("ALTER DATABASE ... SET TABLESPACE");
    if (startsWith(words, { "ALTER", "TABLE" }) && words.contains(QLatin1String("DETACH")) &&
        words.contains(QLatin1String("CONCURRENTLY")))
        return QStringLiteral("ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY");
    // CLUSTER without a table reclusters the whole database.
    if (first == QLatin1String("CLUSTER") &&
        (words.size() == 1 || (words.size() == 2 && second == QLatin1String("VERBOSE"))))
        return QStringLiteral("CLUSTER");
    if (first == QLatin1String("BEGIN") || first == QLatin1String("COMMIT") || first == QLatin1String("END") ||
        first == QLatin1String("ABORT") || startsWith(words, { "START", "TRANSACTION" }) ||
        startsWith(words, { "PREPARE", "TRANSACTION" }) ||
        (first == QLatin1String("ROLLBACK") && !words.contains(QLatin1String("TO"))))
        return first == QLatin1String("START") || first == QLatin1String("PREPARE")
            ? first + QLatin1String(" TRANSACTION")
            : first;
    return {};
}

QString sqliteBlocker(const QStringList &words)
{
    const QString first = words.value(0);
    if (first == QLatin1String("VACUUM"))
        return QStringLiteral("VACUUM");
    // A no-op inside a transaction, which would silently break a table rebuild.
    if (first == QLatin1String("PRAGMA") &&
        (words.value(1) == QLatin1String("FOREIGN_KEYS") || words.value(2) == QLatin1String("FOREIGN_KEYS")))
        return QStringLiteral("PRAGMA foreign_keys");
    if (first == QLatin1String("BEGIN") || first == QLatin1String("COMMIT") || first == QLatin1String("END") ||
        (first == QLatin1String("ROLLBACK") && !words.contains(QLatin1String("TO"))))
        return first;
    return {};
}

} // namespace

QString transactionBlocker(const SqlStatement &statement, Dialect dialect)
{
    return dialect == Dialect::PostgreSQL ? postgresBlocker(statement.words) : sqliteBlocker(statement.words);
}

} // namespace Retort
