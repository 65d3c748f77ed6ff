#include "textfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QScopeGuard>
#include <QStringDecoder>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::TextFile", text);
}

int lineOfFirstInvalidUtf8(const QByteArray &bytes)
{
    int line = 1;
    qsizetype start = 0;
    while (start <= bytes.size()) {
        qsizetype end = bytes.indexOf('\n', start);
        if (end < 0)
            end = bytes.size();
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString decoded = decoder.decode(QByteArrayView(bytes).sliced(start, end - start));
        if (decoder.hasError())
            return line;
        start = end + 1;
        ++line;
    }
    return 1;
}

Error tooLarge(const QString &path, qint64 size, qint64 maxBytes)
{
    return Error::at(path, 0,
        tr("the file is %1 MB; revision files larger than %2 MB are not read")
            .arg(double(size) / (1024 * 1024), 0, 'f', 1)
            .arg(maxBytes / (1024 * 1024)));
}

} // namespace

Result<QString> decodeUtf8(const QByteArray &bytes, const QString &path)
{
    QByteArrayView view(bytes);
    if (view.startsWith("\xEF\xBB\xBF"))
        view = view.sliced(3);
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(view);
    if (decoder.hasError()) {
        return Error::at(
            path, lineOfFirstInvalidUtf8(bytes), tr("the file is not valid UTF-8 text (save it as UTF-8)"));
    }
    if (text.contains(QChar(0)))
        return Error::at(path, 0, tr("the file contains NUL bytes; it is not a text file"));
    return text;
}

Result<QByteArray> readFileBytes(const QString &path, qint64 maxBytes)
{
#ifdef Q_OS_UNIX
    // Opening a project reads every revision file; QFile takes seven
    // system calls a file (two stats, a second read to find the end).
    // open, fstat, one read of the size plus a byte (which shows the end)
    // and close do the same, and halve the time of opening 100,000 files.
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        const auto closeFile = qScopeGuard([fd] { ::close(fd); });
        struct stat status;
        if (::fstat(fd, &status) == 0 && S_ISREG(status.st_mode)) {
            if (status.st_size > maxBytes)
                return tooLarge(path, status.st_size, maxBytes);
            QByteArray bytes(qsizetype(status.st_size) + 1, Qt::Uninitialized);
            qsizetype filled = 0;
            while (true) {
                const ssize_t got = ::read(fd, bytes.data() + filled, size_t(bytes.size() - filled));
                if (got < 0 && errno == EINTR)
                    continue;
                if (got < 0)
                    return Error::at(path, 0, tr("cannot read the file: %1").arg(qt_error_string(errno)));
                if (got == 0)
                    break;
                filled += got;
                if (filled == bytes.size())
                    bytes.resize(bytes.size() * 2); // it grew since fstat
                else if (filled >= status.st_size)
                    break; // the size fstat gave, and no byte after it: the end
            }
            bytes.truncate(filled);
            return bytes;
        }
    }
    // Anything unusual (no such file, a folder, a pipe) takes QFile's way,
    // which words the error.
#endif
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::at(path, 0, tr("cannot read the file: %1").arg(file.errorString()));
    if (file.size() > maxBytes)
        return tooLarge(path, file.size(), maxBytes);
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error::at(path, 0, tr("cannot read the file: %1").arg(file.errorString()));
    return bytes;
}

Result<QString> readUtf8File(const QString &path, qint64 maxBytes)
{
    Result<QByteArray> bytes = readFileBytes(path, maxBytes);
    if (!bytes)
        return bytes.error();
    return decodeUtf8(*bytes, path);
}

} // namespace Retort
