#include "verifydialog.h"

#include "editor/sqleditor.h"
#include "settings/dialoggeometry.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Retort {

namespace {

QString outcomeText(RevisionCheck::Outcome outcome)
{
    switch (outcome) {
    case RevisionCheck::Outcome::Ok:
        return VerifyDialog::tr("ok");
    case RevisionCheck::Outcome::NotRestored:
        return VerifyDialog::tr("downgrade does not restore the schema");
    case RevisionCheck::Outcome::UpgradeFails:
        return VerifyDialog::tr("upgrade fails on a fresh database");
    case RevisionCheck::Outcome::DowngradeFails:
        return VerifyDialog::tr("downgrade fails");
    case RevisionCheck::Outcome::UpgradeAgainDiffers:
        return VerifyDialog::tr("upgrading again differs");
    case RevisionCheck::Outcome::NoDowngrade:
        return VerifyDialog::tr("no downgrade");
    case RevisionCheck::Outcome::NotRun:
        return VerifyDialog::tr("not run (an earlier upgrade failed)");
    }
    return {};
}

} // namespace

VerifyDialog::VerifyDialog(const Project &project, const ShadowOptions &options, QWidget *parent)
    : QDialog(parent)
    , m_project(std::make_shared<const Project>(project))
    , m_options(options)
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_results(new QStandardItemModel(0, 3, this))
    , m_view(new QTreeView(this))
    , m_detail(new SqlEditor(this))
    , m_again(new QPushButton(tr("Verify &Again"), this))
{
    setWindowTitle(tr("Verify Migrations"));
    setObjectName(QStringLiteral("verifyDialog"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_results->setHorizontalHeaderLabels({ tr("Revision"), tr("Outcome"), tr("File") });
    m_view->setModel(m_results);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAccessibleName(tr("Verified revisions"));
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->header()->setStretchLastSection(true);
    m_detail->setReadOnly(true);
    m_detail->setLanguage(QStringLiteral("Diff"));
    m_detail->setAccessibleName(tr("What the shadow found"));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_detail);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_again, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_again, &QPushButton::clicked, this, &VerifyDialog::start);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &VerifyDialog::showCheck);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (index.row() < 0 || index.row() >= m_checks.size())
            return;
        const RevisionCheck &check = m_checks.at(index.row());
        const QString file = check.error.file.isEmpty() ? m_project->graph.revision(check.revision).filePath()
                                                        : QDir(m_project->directory).absoluteFilePath(check.error.file);
        emit lineActivated(file, qMax(check.error.line, 1));
    });
    connect(&m_watcher, &QFutureWatcher<Result<VerifyReport>>::finished, this, &VerifyDialog::showReport);
    rememberGeometry(this, QStringLiteral("verify"), QSize(760, 560));
}

VerifyDialog::~VerifyDialog()
{
    m_verifier->cancel();
    m_watcher.waitForFinished();
}

void VerifyDialog::start()
{
    if (m_watcher.isRunning())
        return;
    m_results->removeRows(0, m_results->rowCount());
    m_checks.clear();
    m_detail->setText(QString());
    m_again->setEnabled(false);
    m_progress->setRange(0, 0);
    m_progress->show();
    m_status->setText(tr("Upgrading, downgrading and upgrading again each revision in a shadow database…"));
    // A new verifier each time: it keeps a reference to the project copy.
    m_verifier = std::make_shared<MigrationVerifier>(*m_project, m_options);
    connect(m_verifier.get(), &MigrationVerifier::progress, this, [this](int done, int total, const QString &revision) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
        m_status->setText(tr("Verifying %1 (%2 of %3)…").arg(revision).arg(done + 1).arg(total));
    });
    const std::shared_ptr<MigrationVerifier> verifier = m_verifier;
    const std::shared_ptr<const Project> project = m_project;
    m_watcher.setFuture(QtConcurrent::run([verifier, project] { return verifier->verify(QString()); }));
}

void VerifyDialog::showReport()
{
    m_progress->hide();
    m_again->setEnabled(true);
    const Result<VerifyReport> report = m_watcher.result();
    if (!report) {
        m_status->setText(report.error().toString());
        emit finished();
        return;
    }
    m_checks = report->checks;
    int failed = 0;
    for (const RevisionCheck &check : std::as_const(m_checks)) {
        const Revision &revision = m_project->graph.revision(check.revision);
        auto *outcome = new QStandardItem(outcomeText(check.outcome));
        if (!check.ok()) {
            ++failed;
            outcome->setForeground(palette().brush(QPalette::Link));
            outcome->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
        }
        m_results->appendRow({ new QStandardItem(revision.id), outcome,
            new QStandardItem(QDir(m_project->directory).relativeFilePath(revision.filePath())) });
    }
    QString text = failed == 0 ? tr("%n revision(s) verified: every downgrade restores the schema before its upgrade.",
                                     nullptr, int(m_checks.size()))
                               : tr("%n revision(s) failed verification.", nullptr, failed);
    if (!report->shadowDescription.isEmpty())
        text += QLatin1Char(' ') + tr("(in %1)").arg(report->shadowDescription);
    for (const QString &warning : report->warnings)
        text += QStringLiteral("\n⚠ ") + warning;
    m_status->setText(text);
    for (int row = 0; row < m_checks.size(); ++row) {
        if (!m_checks.at(row).ok()) {
            m_view->setCurrentIndex(m_results->index(row, 0));
            break;
        }
    }
    emit finished();
}

void VerifyDialog::showCheck(const QModelIndex &index)
{
    if (!index.isValid() || index.row() >= m_checks.size()) {
        m_detail->setText(QString());
        return;
    }
    const RevisionCheck &check = m_checks.at(index.row());
    QString text = check.error.message.isEmpty() ? QString() : QStringLiteral("-- ") + check.error.toString() + u'\n';
    text += check.diff;
    m_detail->setText(text);
}

QString VerifyDialog::status() const
{
    return m_status->text();
}

} // namespace Retort
