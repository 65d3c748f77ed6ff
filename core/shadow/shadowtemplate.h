#pragma once

#include "shadow/postgresbinaries.h"
#include "util/result.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <sys/types.h>

namespace Retort {

// A data folder fresh from initdb, kept in the cache folder and copied for
// each new shadow server. initdb takes about three seconds of CPU (most of
// it making template1), and the first review or autogenerate of a session
// waited for it; a copy takes a tenth of a second. What initdb makes depends
// only on the server programs and its arguments, so the template is kept per
// installation (its folder, major version and the postgres program's size
// and time, which an upgrade changes) and per argument list.
//
// The template is only a copy: a missing or damaged one costs an initdb,
// and a server that does not start from it discards it.
class ShadowTemplate
{
public:
    struct Owner {
        uid_t user = 0;
        gid_t group = 0;
    };

    // `initdbArguments` without the data folder. `cacheFolder` empty: the
    // platform's cache folder.
    ShadowTemplate(
        const PostgresBinaries &binaries, const QStringList &initdbArguments, const QString &cacheFolder = {});

    QString path() const { return m_path; }
    bool exists() const;
    // Copies the template to `data`, which must not exist; every copied
    // file and folder is given to `owner` when set (Retort runs as root and
    // the server as postgres). On failure `data` is removed again.
    Result<void> copyTo(const QString &data, const std::optional<Owner> &owner) const;
    // Keeps `data`, just made by initdb and not yet started, as the
    // template, and removes the templates of older installations of the
    // same major version. Another process keeping one at the same moment
    // is fine: the first one in stays.
    void keep(const QString &data) const;
    void discard() const;

private:
    QString m_folder;
    QString m_path;
    QString m_sameMajorPrefix;
};

} // namespace Retort
