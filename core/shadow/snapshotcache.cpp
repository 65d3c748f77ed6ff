#include "snapshotcache.h"

#include "util/cachefolder.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::SnapshotCache", text);
}

QByteArray hashOf(const QList<QByteArray> &parts)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QByteArray &part : parts) {
        // Length-prefixed, so that ("ab", "c") and ("a", "bc") differ.
        hash.addData(QByteArray(QByteArray::number(part.size()) + ':'));
        hash.addData(part);
    }
    return hash.result().toHex();
}

} // namespace

SnapshotCache::SnapshotCache(QString folder)
    : m_folder(folder.isEmpty() ? sharedCacheFolder(QStringLiteral("shadow")) : std::move(folder))
{ }

QString SnapshotCache::pathOf(const QByteArray &key) const
{
    return QDir(m_folder).filePath(QString::fromLatin1(key) + QStringLiteral(".sql"));
}

std::optional<QString> SnapshotCache::find(const QByteArray &key) const
{
    QFile file(pathOf(key));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return QString::fromUtf8(file.readAll());
}

Result<void> SnapshotCache::store(const QByteArray &key, const QString &schema) const
{
    if (!QDir().mkpath(m_folder))
        return Error::at(m_folder, 0, tr("cannot create the schema snapshot cache folder"));
    QSaveFile file(pathOf(key));
    if (!file.open(QIODevice::WriteOnly))
        return Error::at(file.fileName(), 0, tr("cannot write a schema snapshot: %1").arg(file.errorString()));
    const QByteArray data = schema.toUtf8();
    if (file.write(data) != data.size() || !file.commit())
        return Error::at(file.fileName(), 0, tr("cannot write a schema snapshot: %1").arg(file.errorString()));
    return {};
}

QByteArray ReplayKey::start(const QString &dialect, int serverMajor, const QString &format)
{
    return hashOf(
        { QByteArrayLiteral("retort-shadow-1"), dialect.toUtf8(), QByteArray::number(serverMajor), format.toUtf8() });
}

QByteArray ReplayKey::next(
    const QByteArray &previous, const QString &direction, const QString &revision, const QString &checksum)
{
    return hashOf({ previous, direction.toUtf8(), revision.toUtf8(), checksum.toUtf8() });
}

} // namespace Retort
