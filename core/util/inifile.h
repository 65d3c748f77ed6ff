#pragma once

#include "result.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace Retort {

// An INI file read with the rules of Python's configparser, which wrote the
// alembic.ini files Retort opens: "key = value" or "key: value", comments
// starting with '#' or ';' on their own line, values continued on indented
// lines, case-insensitive keys, and "%(here)s" interpolation. QSettings reads
// a different dialect (no continuation lines, escapes), hence this class.
class IniFile
{
public:
    static Result<IniFile> read(const QString &path);
    static Result<IniFile> parse(const QString &text, const QString &path);

    bool hasSection(const QString &section) const { return m_sections.contains(section); }
    QStringList sections() const { return m_sectionOrder; }
    // The value with %(name)s references expanded from the same section, the
    // DEFAULT section and "here" (the file's folder); `fallback` when absent.
    QString value(const QString &section, const QString &key, const QString &fallback = {}) const;
    bool contains(const QString &section, const QString &key) const;
    // Keys of `section` in file order (lower case), without DEFAULT's.
    QStringList keys(const QString &section) const;
    int line(const QString &section, const QString &key) const;
    QString path() const { return m_path; }

private:
    struct Entry {
        QString value;
        int line = 0;
    };
    QString interpolate(const QString &section, const QString &raw, int depth) const;

    QString m_path;
    QStringList m_sectionOrder;
    QHash<QString, QHash<QString, Entry>> m_sections;
    QHash<QString, QStringList> m_keyOrder;
};

} // namespace Retort
