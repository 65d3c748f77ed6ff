#include "driftdialog.h"

#include "editor/sqleditor.h"
#include "exec/runoutcome.h"
#include "review/diffview.h"
#include "settings/dialoggeometry.h"
#include "shadow/shadowsession.h"

#include <QDialogButtonBox>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Retort {

DriftDialog::DriftDialog(const Project &project, const ShadowOptions &options, const ConnectionSettings &target,
    const DriftReport &report, QWidget *parent)
    : QDialog(parent)
    , m_project(std::make_shared<const Project>(project))
    , m_options(options)
    , m_target(target)
    , m_rows(report.versionRows)
    , m_status(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_diff(new DiffView(this))
    , m_sql(new SqlEditor(this))
    , m_sqlButton(new QPushButton(tr("&SQL Back to the Revision"), this))
    , m_captureButton(new QPushButton(tr("&Record as a New Revision…"), this))
    , m_running(std::make_shared<std::atomic<ShadowSession *>>(nullptr))
{
    setWindowTitle(tr("Drift of %1").arg(target.displayName()));
    setObjectName(QStringLiteral("driftDialog"));
    const QString language = sqlLanguage(target.dialect);
    m_diff->setTexts(report.expected, report.live, language,
        tr("The schema revision %1 gives (replayed)").arg(versionRowsText(report.versionRows)),
        tr("The database's schema"));
    m_sql->setReadOnly(true);
    m_sql->setLanguage(language);
    m_sql->setAccessibleName(tr("SQL back to the revision"));
    m_tabs->addTab(m_diff, tr("Difference"));
    m_tabs->addTab(m_sql, tr("SQL back to the revision"));
    m_status->setWordWrap(true);
    m_status->setText(tr("Ways out: stamp the revision it looks like (on the banner), bring the database back to "
                         "its revision with SQL you run yourself, or record the drift as a new revision."));
    m_sqlButton->setToolTip(tr("The schema engine's SQL from the database's schema to the revision's: shown, "
                               "never run"));
    m_captureButton->setToolTip(tr("A revision after %1 whose upgrade is the drift: the database then only needs "
                                   "a stamp")
                                    .arg(versionRowsText(m_rows)));
    m_captureButton->setEnabled(
        m_rows.size() == 1 && m_project->graph.isHead(m_project->graph.indexOf(m_rows.first())));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_sqlButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_captureButton, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_sqlButton, &QPushButton::clicked, this, &DriftDialog::showSqlBack);
    connect(m_captureButton, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString message = QInputDialog::getText(this, tr("Record the Drift"), tr("The new revision's &message:"),
            QLineEdit::Normal, tr("Record changes made outside the migrations"), &ok);
        if (ok && !message.trimmed().isEmpty())
            capture(message.trimmed());
    });
    connect(&m_watcher, &QFutureWatcher<Result<DriftRepair>>::finished, this, &DriftDialog::finish);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);
    rememberGeometry(this, QStringLiteral("drift"), QSize(900, 600));
}

DriftDialog::~DriftDialog()
{
    if (ShadowSession *session = m_running->load())
        session->cancel();
    m_watcher.waitForFinished();
}

QString DriftDialog::status() const
{
    return m_status->text();
}

void DriftDialog::start()
{
    if (m_watcher.isRunning())
        return;
    m_sqlButton->setEnabled(false);
    m_status->setText(tr("Replaying revision %1 in a shadow database and reading the database's schema…")
                          .arg(versionRowsText(m_rows)));
    const std::shared_ptr<const Project> project = m_project;
    m_watcher.setFuture(
        QtConcurrent::run([project, options = m_options, target = m_target, rows = m_rows, running = m_running] {
            return repairDrift(*project, options, target, rows, running.get());
        }));
}

void DriftDialog::showSqlBack()
{
    if (m_repair) {
        m_tabs->setCurrentWidget(m_sql);
        return;
    }
    start();
}

void DriftDialog::capture(const QString &message)
{
    m_captureMessage = message;
    if (m_repair)
        finish();
    else
        start();
}

void DriftDialog::finish()
{
    m_sqlButton->setEnabled(true);
    if (!m_repair) {
        const Result<DriftRepair> result = m_watcher.result();
        if (!result) {
            m_status->setText(result.error().toString());
            m_captureMessage.clear();
            emit repaired();
            return;
        }
        m_repair = *result;
        m_sql->setText(QStringLiteral("-- ") +
            tr("Back to the schema of revision %1. Retort never runs this: review it, run it yourself.")
                .arg(versionRowsText(m_rows)) +
            QStringLiteral("\n\n") + changeScript(m_repair->backToRevision));
        m_status->setText(tr("%n change(s) back to the revision.", nullptr, int(m_repair->backToRevision.size())));
        m_tabs->setCurrentWidget(m_sql);
        emit repaired();
    }
    if (m_captureMessage.isEmpty())
        return;
    NewRevision spec;
    spec.message = m_captureMessage;
    spec.heads = m_rows;
    spec.upgradeSql = changeScript(m_repair->capture);
    spec.downgradeSql = changeScript(m_repair->backToRevision);
    m_captureMessage.clear();
    Result<WrittenRevision> written = RevisionWriter::create(*m_project, spec);
    if (!written) {
        m_status->setText(written.error().toString());
        return;
    }
    m_status->setText(
        tr("Wrote %1. The database already has its schema: stamp it there (Revision ▸ Stamp Here).").arg(written->id));
    emit captured(*written);
}

} // namespace Retort
