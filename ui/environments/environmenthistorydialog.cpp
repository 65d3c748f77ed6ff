#include "environmenthistorydialog.h"

#include "db/databaseconnection.h"
#include "db/historytable.h"
#include "editor/sqleditor.h"
#include "environmentset.h"
#include "history/historypage.h"
#include "settings/dialoggeometry.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QPointer>
#include <QPushButton>
#include <QThreadPool>
#include <QVBoxLayout>

namespace Retort {

EnvironmentHistoryDialog::EnvironmentHistoryDialog(
    const QString &environment, const ConnectionSettings &settings, const ProjectSettings &project, QWidget *parent)
    : QDialog(parent)
    , m_settings(EnvironmentSet::forBackgroundRead(settings))
    , m_project(project)
    , m_page(new HistoryPage(this))
{
    setObjectName(QStringLiteral("environmentHistory"));
    setWindowTitle(tr("History of %1").arg(environment));
    setAttribute(Qt::WA_DeleteOnClose);
    m_page->setDatabase(environment, sqlLanguage(settings.dialect));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *again = buttons->addButton(tr("&Read Again"), QDialogButtonBox::ActionRole);
    connect(again, &QPushButton::clicked, this, &EnvironmentHistoryDialog::read);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_page, 1);
    layout->addWidget(buttons);
    rememberGeometry(this, QStringLiteral("environmentHistory"), QSize(900, 600));
    read();
}

void EnvironmentHistoryDialog::read()
{
    if (m_reading)
        return;
    m_reading = true;
    m_page->showBusy();
    QPointer<EnvironmentHistoryDialog> self(this);
    QThreadPool::globalInstance()->start([self, settings = m_settings, project = m_project] {
        const auto readEntries = [&]() -> Result<QList<HistoryEntry>> {
            Result<std::unique_ptr<DatabaseConnection>> connection = DatabaseConnection::open(settings);
            if (!connection)
                return connection.error();
            return HistoryTable(
                (*connection)->database(), (*connection)->dialect(), project.versionTableSchema, project.historyTable)
                .entries();
        };
        const Result<QList<HistoryEntry>> entries = readEntries();
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, entries] {
                if (!self)
                    return;
                self->m_reading = false;
                self->m_page->showEntries(entries);
                emit self->historyShown();
            },
            Qt::QueuedConnection);
    });
}

} // namespace Retort
