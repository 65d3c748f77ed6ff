#include "passfile.h"

#include <QCoreApplication>
#include <QDir>

namespace Retort {

QByteArray pgpassLine(const QString &password)
{
    QString escaped = password;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char(':'), QLatin1String("\\:"));
    return "*:*:*:*:" + escaped.toUtf8() + '\n';
}

Result<std::unique_ptr<PassFile>> PassFile::create(const ConnectionSettings &settings)
{
    auto passFile = std::make_unique<PassFile>();
    if (settings.password.isEmpty())
        return passFile;
    // QTemporaryFile creates the file with mode 0600.
    auto file = std::make_unique<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/retort-pgpass-XXXXXX"));
    if (!file->open() || file->write(pgpassLine(settings.password)) < 0 || !file->flush()) {
        return Error::at(file->fileName(), 0,
            QCoreApplication::translate("Retort::PassFile", "cannot write a temporary password file: %1")
                .arg(file->errorString()));
    }
    file->setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    passFile->m_file = std::move(file);
    return passFile;
}

void PassFile::apply(ProcessRequest &request) const
{
    if (!m_file)
        return;
    request.environment.insert(QStringLiteral("PGPASSFILE"), m_file->fileName());
    request.removeFromEnvironment.append(QStringLiteral("PGPASSWORD"));
}

} // namespace Retort
