#include "fleetfile.h"

#include "db/databaseconnection.h"
#include "profiles/profilestore.h"
#include "util/inifile.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::FleetFile", text);
}

// A schema name that needs no quoting anywhere (search_path in libpq's
// options, the version table's qualified name): PostgreSQL folds unquoted
// names to lower case, so only lower-case names are taken.
bool isPlainSchemaName(const QString &name)
{
    static const QRegularExpression plain(QStringLiteral("^[a-z_][a-z0-9_$]*$"));
    return plain.match(name).hasMatch();
}

struct SectionReader {
    const IniFile &ini;
    QString section;

    int line() const
    {
        int first = 0;
        for (const QString &key : ini.keys(section)) {
            const int at = ini.line(section, key);
            if (first == 0 || at < first)
                first = at;
        }
        return first;
    }
    Error error(const QString &message, const QString &key = {}) const
    {
        return Error::at(ini.path(), key.isEmpty() ? line() : ini.line(section, key), message);
    }
    QString origin() const { return QStringLiteral("%1:%2").arg(QFileInfo(ini.path()).fileName()).arg(line()); }
};

// `production`: set when the connection is a profile marked production.
Result<ConnectionSettings> connectionOf(const SectionReader &reader, const QString &profileFile, bool *production)
{
    const IniFile &ini = reader.ini;
    const bool hasUrl = ini.contains(reader.section, QStringLiteral("url"));
    const bool hasProfile = ini.contains(reader.section, QStringLiteral("profile"));
    if (hasUrl == hasProfile)
        return reader.error(tr("[%1] needs either url = ... or profile = ...").arg(reader.section));
    if (hasProfile) {
        const QString name = ini.value(reader.section, QStringLiteral("profile"));
        const ProfileStore store(profileFile.isEmpty() ? ProfileStore::defaultSettingsFile() : profileFile);
        const std::optional<ConnectionProfile> profile = store.profile(name);
        if (!profile) {
            return reader.error(tr("there is no connection profile called \"%1\" (in %2)").arg(name, store.fileName()),
                QStringLiteral("profile"));
        }
        if (profile->connection.dialect == Dialect::PostgreSQL && profile->passwordSource != PasswordSource::Libpq) {
            return reader.error(tr("the profile \"%1\" keeps its password in the keychain or asks for it; a fleet "
                                   "runs unattended, so its passwords come from libpq (~/.pgpass, PGPASSFILE)")
                                    .arg(name),
                QStringLiteral("profile"));
        }
        *production = profile->production;
        return profile->connection;
    }
    const QString url = ini.value(reader.section, QStringLiteral("url"));
    Result<ConnectionSettings> settings = ConnectionSettings::fromUrl(url, QFileInfo(ini.path()).absolutePath());
    if (!settings)
        return reader.error(settings.error().message, QStringLiteral("url"));
    if (!settings->password.isEmpty()) {
        return reader.error(tr("a fleet file never holds passwords; remove it from the URL and put it in ~/.pgpass "
                               "or PGPASSFILE (or use a service file)"),
            QStringLiteral("url"));
    }
    return settings;
}

Result<void> checkKeys(const SectionReader &reader, const QStringList &allowed)
{
    for (const QString &key : reader.ini.keys(reader.section)) {
        if (!allowed.contains(key)) {
            return reader.error(tr("unknown key \"%1\" in [%2]; expected %3")
                                    .arg(key, reader.section, allowed.join(QLatin1String(", "))),
                key);
        }
    }
    return {};
}

Result<FleetEntry> readEntry(const IniFile &ini, const QString &section, const QString &profileFile)
{
    const SectionReader reader { ini, section };
    const qsizetype space = section.indexOf(QLatin1Char(' '));
    const QString kind = space < 0 ? section : section.left(space);
    FleetEntry entry;
    entry.name = space < 0 ? QString() : section.mid(space + 1).trimmed();
    entry.origin = reader.origin();
    entry.group = ini.value(section, QStringLiteral("group"));
    QStringList allowed = { QStringLiteral("url"), QStringLiteral("profile"), QStringLiteral("group") };
    if (kind == QLatin1String("database")) {
        entry.kind = FleetEntry::Kind::Database;
    } else if (kind == QLatin1String("query")) {
        entry.kind = FleetEntry::Kind::Query;
        allowed.append(QStringLiteral("sql"));
    } else if (kind == QLatin1String("schemas")) {
        entry.kind = FleetEntry::Kind::Schemas;
        allowed.append({ QStringLiteral("sql"), QStringLiteral("schemas") });
    } else {
        return reader.error(
            tr("unknown section [%1]; a fleet file has [database NAME], [query NAME] and [schemas NAME]").arg(section));
    }
    if (entry.name.isEmpty())
        return reader.error(tr("[%1] needs a name: [%1 NAME]").arg(kind));
    if (Result<void> keys = checkKeys(reader, allowed); !keys)
        return keys.error();
    Result<ConnectionSettings> connection = connectionOf(reader, profileFile, &entry.production);
    if (!connection)
        return connection.error();
    entry.connection = *connection;
    entry.sql = ini.value(section, QStringLiteral("sql")).trimmed();
    for (const QString &schema : ini.value(section, QStringLiteral("schemas"))
                                     .split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
        if (!isPlainSchemaName(schema)) {
            return reader.error(
                tr("\"%1\" is not a plain lower-case schema name").arg(schema), QStringLiteral("schemas"));
        }
        entry.schemas.append(schema);
    }
    if (entry.kind == FleetEntry::Kind::Query && entry.sql.isEmpty())
        return reader.error(tr("[%1] needs sql = a query returning a \"url\" column").arg(section));
    if (entry.kind == FleetEntry::Kind::Schemas) {
        if (entry.sql.isEmpty() == entry.schemas.isEmpty())
            return reader.error(
                tr("[%1] needs either schemas = a, b, ... or sql = a query returning them").arg(section));
        if (entry.connection.dialect != Dialect::PostgreSQL)
            return reader.error(tr("tenant schemas need a PostgreSQL database"), QStringLiteral("url"));
    }
    return entry;
}

// Runs an entry's query on a connection of its own; the rows' values by
// column name (lower case).
Result<QList<QHash<QString, QString>>> runQuery(const FleetEntry &entry)
{
    auto connection = DatabaseConnection::open(entry.connection);
    if (!connection)
        return Error::at(
            {}, 0, QStringLiteral("%1: [%2]: %3").arg(entry.origin, entry.name, connection.error().message));
    QList<QHash<QString, QString>> rows;
    {
        QSqlQuery query((*connection)->database());
        query.setForwardOnly(true);
        if (!query.exec(entry.sql)) {
            return Error::at({}, 0,
                QStringLiteral("%1: [%2]: %3")
                    .arg(entry.origin, entry.name, redactPasswords(query.lastError().databaseText())));
        }
        while (query.next()) {
            const QSqlRecord record = query.record();
            QHash<QString, QString> row;
            for (int i = 0; i < record.count(); ++i)
                row.insert(record.fieldName(i).toLower(), query.value(i).toString());
            if (record.count() > 0)
                row.insert(QStringLiteral("#0"), query.value(0).toString());
            rows.append(row);
        }
    }
    return rows;
}

Result<void> expand(const FleetEntry &entry, const QString &baseDirectory, QList<FleetDatabase> *databases)
{
    const auto prefixed = [&](const QString &message) {
        return Error::at({}, 0, QStringLiteral("%1: [%2]: %3").arg(entry.origin, entry.name, message));
    };
    if (entry.kind == FleetEntry::Kind::Database) {
        databases->append(
            FleetDatabase { entry.name, entry.group, entry.connection, {}, entry.origin, entry.production });
        return {};
    }
    QStringList schemas = entry.schemas;
    QList<QHash<QString, QString>> rows;
    if (!entry.sql.isEmpty()) {
        Result<QList<QHash<QString, QString>>> result = runQuery(entry);
        if (!result)
            return result.error();
        rows = *result;
    }
    if (entry.kind == FleetEntry::Kind::Schemas) {
        for (const auto &row : std::as_const(rows)) {
            const QString schema = row.value(QStringLiteral("#0"));
            if (!isPlainSchemaName(schema))
                return prefixed(
                    tr("the query returned \"%1\", which is not a plain lower-case schema name").arg(schema));
            schemas.append(schema);
        }
        for (const QString &schema : std::as_const(schemas))
            databases->append(
                FleetDatabase { schema, entry.group, entry.connection, schema, entry.origin, entry.production });
        return {};
    }
    for (const auto &row : std::as_const(rows)) {
        if (!row.contains(QStringLiteral("url")))
            return prefixed(tr("the query returns no \"url\" column (a URL or a database name on its server)"));
        const QString value = row.value(QStringLiteral("url")).trimmed();
        FleetDatabase database;
        database.origin = entry.origin;
        database.production = entry.production;
        database.group = row.value(QStringLiteral("group"), entry.group);
        if (value.contains(QLatin1String("://"))) {
            Result<ConnectionSettings> settings = ConnectionSettings::fromUrl(value, baseDirectory);
            if (!settings)
                return prefixed(settings.error().message);
            database.connection = *settings;
        } else {
            database.connection = entry.connection;
            database.connection.database = value;
        }
        database.name = row.value(QStringLiteral("name"));
        if (database.name.isEmpty())
            database.name = database.connection.dialect == Dialect::SQLite
                ? QFileInfo(database.connection.sqlitePath).fileName()
                : database.connection.database;
        databases->append(database);
    }
    return {};
}

} // namespace

Result<FleetFile> FleetFile::read(const QString &path, const QString &profileFile)
{
    Result<IniFile> ini = IniFile::read(path);
    if (!ini)
        return ini.error();
    return fromIni(*ini, profileFile);
}

Result<FleetFile> FleetFile::parse(const QString &text, const QString &path, const QString &profileFile)
{
    Result<IniFile> ini = IniFile::parse(text, path);
    if (!ini)
        return ini.error();
    return fromIni(*ini, profileFile);
}

Result<FleetFile> FleetFile::fromIni(const IniFile &ini, const QString &profileFile)
{
    FleetFile fleet;
    fleet.m_path = QFileInfo(ini.path()).absoluteFilePath();
    for (const QString &section : ini.sections()) {
        if (section == QLatin1String("DEFAULT"))
            continue;
        Result<FleetEntry> entry = readEntry(ini, section, profileFile);
        if (!entry)
            return entry.error();
        fleet.m_entries.append(*entry);
    }
    if (fleet.m_entries.isEmpty()) {
        return Error::at(
            ini.path(), 0, tr("the fleet file lists no database ([database NAME], [query NAME], [schemas NAME])"));
    }
    return fleet;
}

Result<QList<FleetDatabase>> FleetFile::databases() const
{
    QList<FleetDatabase> databases;
    for (const FleetEntry &entry : m_entries) {
        if (Result<void> added = expand(entry, QFileInfo(m_path).absolutePath(), &databases); !added)
            return added.error();
    }
    QSet<QString> names;
    for (const FleetDatabase &database : std::as_const(databases)) {
        if (names.contains(database.name)) {
            Error error = Error::at(m_path, 0,
                tr("the name \"%1\" is used twice (again at %2); each database of a fleet needs its own")
                    .arg(database.name, database.origin));
            error.code = QStringLiteral("duplicate-name");
            return error;
        }
        names.insert(database.name);
    }
    return databases;
}

} // namespace Retort
