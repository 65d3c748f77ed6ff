#include "connectionsettings.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::ConnectionSettings", text);
}

const QStringList &libpqKeywords()
{
    // The libpq connection keywords a URL query may carry (see the libpq
    // documentation, "Parameter Key Words"); others are refused so a typo
    // does not pass silently.
    static const QStringList keywords = {
        QStringLiteral("sslmode"),
        QStringLiteral("sslrootcert"),
        QStringLiteral("sslcert"),
        QStringLiteral("sslkey"),
        QStringLiteral("sslcrl"),
        QStringLiteral("sslpassword"),
        QStringLiteral("connect_timeout"),
        QStringLiteral("application_name"),
        QStringLiteral("options"),
        QStringLiteral("service"),
        QStringLiteral("target_session_attrs"),
        QStringLiteral("keepalives"),
        QStringLiteral("keepalives_idle"),
        QStringLiteral("gssencmode"),
        QStringLiteral("channel_binding"),
        QStringLiteral("passfile"),
        QStringLiteral("hostaddr"),
        QStringLiteral("host"),
        QStringLiteral("port"),
        QStringLiteral("dbname"),
        QStringLiteral("user"),
        QStringLiteral("require_auth"),
        QStringLiteral("load_balance_hosts"),
    };
    return keywords;
}

} // namespace

Result<ConnectionSettings> ConnectionSettings::fromUrl(const QString &text, const QString &baseDirectory)
{
    ConnectionSettings settings;
    const QString trimmed = text.trimmed();
    const qsizetype schemeEnd = trimmed.indexOf(QLatin1String("://"));
    if (schemeEnd < 0) {
        return Error::at({}, 0,
            tr("\"%1\" is not a database URL; use postgresql://user@host/database or "
               "sqlite:///path/to/file.db")
                .arg(redactPasswords(trimmed)));
    }
    QString scheme = trimmed.left(schemeEnd).toLower();
    const qsizetype plus = scheme.indexOf(QLatin1Char('+')); // SQLAlchemy driver suffix
    if (plus >= 0) {
        settings.driver = scheme.mid(plus + 1);
        scheme.truncate(plus);
    }

    if (scheme == QLatin1String("sqlite")) {
        settings.dialect = Dialect::SQLite;
        // sqlite:///relative.db and sqlite:////absolute.db, as SQLAlchemy reads them.
        QString rest = trimmed.mid(schemeEnd + 3);
        if (!rest.startsWith(QLatin1Char('/')))
            return Error::at({}, 0, tr("a SQLite URL is sqlite:///relative/path or sqlite:////absolute/path"));
        rest = rest.mid(1);
        const qsizetype query = rest.indexOf(QLatin1Char('?'));
        if (query >= 0)
            rest.truncate(query);
        rest = QUrl::fromPercentEncoding(rest.toUtf8());
        if (rest.isEmpty() || rest == QLatin1String(":memory:")) {
            settings.sqlitePath = QStringLiteral(":memory:");
        } else {
            const QDir base(baseDirectory.isEmpty() ? QDir::currentPath() : baseDirectory);
            settings.sqlitePath = QDir::cleanPath(base.absoluteFilePath(rest));
        }
        return settings;
    }
    if (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres")) {
        return Error::at(
            {}, 0, tr("unsupported database \"%1\": Retort works with postgresql:// and sqlite:// URLs").arg(scheme));
    }

    settings.dialect = Dialect::PostgreSQL;
    const QUrl url(QStringLiteral("postgresql") + trimmed.mid(schemeEnd), QUrl::StrictMode);
    if (!url.isValid())
        return Error::at({}, 0, tr("the database URL is malformed: %1").arg(redactPasswords(url.errorString())));
    settings.host = url.host(QUrl::FullyDecoded);
    settings.port = url.port(-1);
    settings.user = url.userName(QUrl::FullyDecoded);
    settings.password = url.password(QUrl::FullyDecoded);
    settings.database = url.path(QUrl::FullyDecoded);
    if (settings.database.startsWith(QLatin1Char('/')))
        settings.database = settings.database.mid(1);
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!libpqKeywords().contains(key))
            return Error::at({}, 0, tr("unknown connection parameter \"%1\" in the database URL").arg(key));
        if (key == QLatin1String("host"))
            settings.host = value;
        else if (key == QLatin1String("port"))
            settings.port = value.toInt();
        else if (key == QLatin1String("dbname"))
            settings.database = value;
        else if (key == QLatin1String("user"))
            settings.user = value;
        else
            settings.options.insert(key, value);
    }
    return settings;
}

QString ConnectionSettings::url() const
{
    const QString driverSuffix = driver.isEmpty() ? QString() : QLatin1Char('+') + driver;
    if (dialect == Dialect::SQLite)
        return QStringLiteral("sqlite") + driverSuffix + QStringLiteral(":///") + sqlitePath;
    QUrl result;
    result.setScheme(QStringLiteral("postgresql") + driverSuffix);
    if (!host.startsWith(QLatin1Char('/')))
        result.setHost(host);
    if (port > 0)
        result.setPort(port);
    result.setUserName(user);
    result.setPassword(password);
    result.setPath(QLatin1Char('/') + database);
    QUrlQuery query;
    if (host.startsWith(QLatin1Char('/')))
        query.addQueryItem(QStringLiteral("host"), host);
    for (auto it = options.cbegin(); it != options.cend(); ++it)
        query.addQueryItem(it.key(), it.value());
    result.setQuery(query);
    return result.toString();
}

QString ConnectionSettings::redactedUrl() const
{
    ConnectionSettings copy = *this;
    if (!copy.password.isEmpty())
        copy.password = QStringLiteral("***");
    copy.options.remove(QStringLiteral("sslpassword"));
    return copy.url();
}

QString ConnectionSettings::displayName() const
{
    if (dialect == Dialect::SQLite)
        return QDir::toNativeSeparators(sqlitePath);
    QString name;
    if (!user.isEmpty())
        name += user + QLatin1Char('@');
    name += host.isEmpty() ? QStringLiteral("localhost") : host;
    if (port > 0)
        name += QLatin1Char(':') + QString::number(port);
    name += QLatin1Char('/') + database;
    return name;
}

namespace {

// libpq's conninfo syntax: a value with spaces or quotes is quoted.
QString conninfoValue(QString value)
{
    if (value.isEmpty() || value.contains(QLatin1Char(' ')) || value.contains(QLatin1Char('\'')) ||
        value.contains(QLatin1Char('\\'))) {
        value.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        value.replace(QLatin1Char('\''), QLatin1String("\\'"));
        value = QLatin1Char('\'') + value + QLatin1Char('\'');
    }
    return value;
}

} // namespace

QString ConnectionSettings::libpqOptions() const
{
    QStringList parts;
    for (auto it = options.cbegin(); it != options.cend(); ++it)
        parts.append(it.key() + QLatin1Char('=') + conninfoValue(it.value()));
    return parts.join(QLatin1Char(';'));
}

QString ConnectionSettings::conninfo() const
{
    QStringList parts;
    const auto add = [&](const QString &key, const QString &value) {
        if (!value.isEmpty())
            parts.append(key + QLatin1Char('=') + conninfoValue(value));
    };
    add(QStringLiteral("host"), host);
    add(QStringLiteral("port"), port > 0 ? QString::number(port) : QString());
    add(QStringLiteral("dbname"), database);
    add(QStringLiteral("user"), user);
    for (auto it = options.cbegin(); it != options.cend(); ++it) {
        if (it.key() != QLatin1String("sslpassword"))
            add(it.key(), it.value());
    }
    return parts.join(QLatin1Char(' '));
}

QString redactPasswords(QString text)
{
    static const QRegularExpression credentials(
        QStringLiteral(R"(([a-z][a-z0-9+.-]*://[^:/@\s]*):[^@\s]*@)"), QRegularExpression::CaseInsensitiveOption);
    text.replace(credentials, QStringLiteral("\\1:***@"));
    static const QRegularExpression keyword(
        QStringLiteral(R"(\bpassword\s*=\s*('[^']*'|\S+))"), QRegularExpression::CaseInsensitiveOption);
    text.replace(keyword, QStringLiteral("password=***"));
    return text;
}

} // namespace Retort
