#include "restoreconfirmation.h"

#include "exec/runoutcome.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QStringListModel>
#include <QVBoxLayout>

namespace Retort {

RestoreConfirmation::RestoreConfirmation(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_removedLabel(new QLabel(tr("Not in the backup, and dropped by the restore:"), this))
    , m_removed(new QListView(this))
    , m_removedModel(new QStringListModel(this))
    , m_nameLabel(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_backupFirst(new QCheckBox(tr("&Back up the database as it is now first"), this))
    , m_restore(new QPushButton(tr("&Restore"), this))
    , m_cancel(new QPushButton(tr("Do &Not Restore"), this))
{
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_removed->setModel(m_removedModel);
    m_removed->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_removed->setMaximumHeight(m_removed->fontMetrics().lineSpacing() * 8 + 8);
    m_nameLabel->setWordWrap(true);
    m_nameLabel->setBuddy(m_name);
    m_restore->setAutoDefault(false);
    m_cancel->setDefault(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_backupFirst);
    buttons->addStretch();
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_restore);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_removedLabel);
    layout->addWidget(m_removed);
    layout->addWidget(m_nameLabel);
    layout->addWidget(m_name);
    layout->addStretch();
    layout->addLayout(buttons);

    connect(m_name, &QLineEdit::textChanged, this, &RestoreConfirmation::updateButton);
    connect(m_restore, &QPushButton::clicked, this, [this] {
        if (m_restore->isEnabled())
            emit confirmed(backupFirst());
    });
    connect(m_cancel, &QPushButton::clicked, this, &RestoreConfirmation::cancelled);
}

void RestoreConfirmation::ask(const Facts &facts)
{
    m_facts = facts;
    const QString backupRows =
        facts.rowsInBackupKnown ? versionRowsText(facts.rowsInBackup) : tr("the revision the backup holds");
    m_summary->setText(tr("Restoring %1 replaces everything in %2 with the backup: its tables, their data and its "
                          "version table. %2 is at %3 now; afterwards it is at %4. What was written since the backup "
                          "is lost. The restore runs in one transaction: if it fails, nothing changes.")
                           .arg(QFileInfo(facts.plan.file).fileName(), facts.databaseName,
                               versionRowsText(facts.rowsNow), backupRows));
    m_removedModel->setStringList(facts.plan.removed);
    m_removedLabel->setVisible(!facts.plan.removed.isEmpty());
    m_removed->setVisible(!facts.plan.removed.isEmpty());
    m_nameLabel->setText(tr("%1 is marked production. Type the database name, %2, to restore:")
                             .arg(facts.databaseName, facts.confirmationName));
    m_nameLabel->setVisible(facts.production);
    m_name->setVisible(facts.production);
    m_name->clear();
    m_name->setPlaceholderText(facts.confirmationName);
    // A production database is always backed up first, as by retort-cli.
    m_backupFirst->setChecked(true);
    m_backupFirst->setEnabled(!facts.production);
    updateButton();
    if (facts.production)
        m_name->setFocus();
    else
        m_cancel->setFocus();
}

bool RestoreConfirmation::backupFirst() const
{
    return m_backupFirst->isChecked();
}

void RestoreConfirmation::updateButton()
{
    m_restore->setEnabled(!m_facts.production || m_name->text().trimmed() == m_facts.confirmationName);
}

QString RestoreConfirmation::text() const
{
    QStringList parts { m_summary->text() };
    if (!m_facts.plan.removed.isEmpty())
        parts << m_removedLabel->text() << m_facts.plan.removed;
    if (m_facts.production)
        parts << m_nameLabel->text();
    return parts.join(QLatin1Char('\n'));
}

} // namespace Retort
