#pragma once

#include "backup/backuprunner.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QStringListModel;

namespace Retort {

// What a restore will replace, asked before it runs: the database's
// revision now and the backup's, the objects the restore drops because the
// backup does not have them, a backup of the database as it is first, and
// for a production connection the database's name typed to confirm.
class RestoreConfirmation : public QWidget
{
    Q_OBJECT
public:
    struct Facts {
        RestorePlan plan;
        QString databaseName; // "shop on db.example.com", for the text
        QString confirmationName; // what a production confirmation asks to type
        QStringList rowsNow;
        QStringList rowsInBackup;
        bool rowsInBackupKnown = false;
        bool production = false;
    };

    explicit RestoreConfirmation(QWidget *parent = nullptr);

    void ask(const Facts &facts);
    const Facts &facts() const { return m_facts; }
    bool backupFirst() const;

    QLineEdit *nameEdit() const { return m_name; }
    QPushButton *restoreButton() const { return m_restore; }
    QPushButton *cancelButton() const { return m_cancel; }
    QCheckBox *backupFirstBox() const { return m_backupFirst; }
    QString text() const; // what it says, for tests

signals:
    void confirmed(bool backupFirst);
    void cancelled();

private:
    void updateButton();

    Facts m_facts;
    QLabel *m_summary;
    QLabel *m_removedLabel;
    QListView *m_removed;
    QStringListModel *m_removedModel;
    QLabel *m_nameLabel;
    QLineEdit *m_name;
    QCheckBox *m_backupFirst;
    QPushButton *m_restore;
    QPushButton *m_cancel;
};

} // namespace Retort
