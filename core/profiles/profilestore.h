#pragma once

#include "connectionprofile.h"
#include "util/result.h"

#include <QList>
#include <QString>

namespace Retort {

// Saved connection profiles, in one settings file that the GUI and the CLI
// share (~/.config/Retort/profiles.conf). Passwords are never written here:
// save() drops any password a profile carries.
class ProfileStore
{
public:
    explicit ProfileStore(const QString &settingsFile = defaultSettingsFile());
    static QString defaultSettingsFile();
    QString fileName() const { return m_file; }

    QList<ConnectionProfile> profiles() const;
    std::optional<ConnectionProfile> profile(const QString &name) const;

    // Adds or replaces the profile called `previousName` (or profile.name
    // when empty), keeping the order. A name already used by another
    // profile is an error.
    Result<void> save(const ConnectionProfile &profile, const QString &previousName = {});
    void remove(const QString &name);

private:
    void writeAll(const QList<ConnectionProfile> &profiles);
    QString m_file;
};

} // namespace Retort
