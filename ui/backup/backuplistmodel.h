#pragma once

#include "backup/backupcatalog.h"
#include "backup/backupverifier.h"

#include <QAbstractTableModel>
#include <QHash>

namespace Retort {

// The backups of a folder, newest first: date, size, the revision(s) the
// database was at, and what is known of the file's soundness — from its
// name (BackupRunner keeps only verified backups) until a check this session
// says more.
class BackupListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { DateColumn, SizeColumn, RevisionColumn, StateColumn, FileColumn, ColumnCount };
    enum Role { PathRole = Qt::UserRole + 1, RestorableRole };

    // What a check of a file this session found.
    enum class Check { None, Running, Sound, Damaged };

    explicit BackupListModel(QObject *parent = nullptr);

    void setBackups(const QList<BackupFile> &backups);
    const QList<BackupFile> &backups() const { return m_backups; }
    int rowOf(const QString &path) const;
    const BackupFile *backup(int row) const;

    void setChecking(const QString &path);
    void setChecked(const BackupCheck &check);
    void setDamaged(const QString &path, const QString &message);
    void clearCheck(const QString &path);
    Check check(const QString &path) const;
    // The revision(s) in the backup: from its check when there was one,
    // else from its name; empty (with *known false) when neither tells.
    QStringList versionRows(const QString &path, bool *known) const;
    // "verified when made", "verified 10:42", "damaged" (the problem in the tooltip)
    QString stateText(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Checked {
        Check check = Check::None;
        QDateTime at;
        BackupCheck result;
        QString message;
    };
    void changed(const QString &path);

    QList<BackupFile> m_backups;
    QHash<QString, Checked> m_checks; // by path; kept across reloads of the folder
};

} // namespace Retort
