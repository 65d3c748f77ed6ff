#pragma once

#include "fleet/fleetrunner.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Retort {

class FleetTableModel;
class TypedConfirmation;

// Asked before a fleet run: what will run on how many databases, how many
// at a time, and what a failure does. When a database of the fleet is
// marked production, the fleet file's name must be typed first, as the run
// dialog asks for a production database's name.
class FleetConfirmation : public QDialog
{
    Q_OBJECT
public:
    struct Facts {
        QString fleetName; // the fleet file's name without its suffix: what is typed
        QString target;
        int databases = 0;
        int pendingMigrations = 0; // by the last status read
        int pendingDatabases = 0;
        int unreadable = 0; // the last status read could not read them
        int parallel = 1;
        int canary = 0;
        bool stopOnFailure = true;
        QStringList production; // names of the production databases
        bool projectProduction = false; // the project marks all its databases production
    };

    explicit FleetConfirmation(const Facts &facts, QWidget *parent = nullptr);
    // What the table and the options say (the fleet's name and the
    // project's production mark are the caller's to add).
    static Facts factsFor(const FleetTableModel &model, const FleetRunOptions &options);

    QString text() const; // what it says, for tests
    QLineEdit *nameEdit() const;
    QPushButton *runButton() const { return m_run; }
    bool needsName() const;

private:
    void updateButton();

    Facts m_facts;
    QLabel *m_summary;
    TypedConfirmation *m_confirmation;
    QPushButton *m_run;
};

} // namespace Retort
