#include "backupsdialog.h"

#include "backup/backupcatalog.h"
#include "backuplistmodel.h"
#include "backuptask.h"
#include "exec/runoutcome.h"
#include "graph/graphcolors.h"
#include "restoreconfirmation.h"
#include "settings/dialoggeometry.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace Retort {

BackupsDialog::BackupsDialog(
    const Project &project, const std::optional<ConnectionSettings> &settings, bool production, QWidget *parent)
    : QDialog(parent)
    , m_project(project)
    , m_settings(settings)
    , m_production(production)
    , m_task(new BackupTask(this))
    , m_heading(new QLabel(this))
    , m_pages(new QStackedWidget(this))
    , m_model(new BackupListModel(this))
    , m_view(new QTreeView(this))
    , m_confirmation(new RestoreConfirmation(this))
    , m_backUp(new QPushButton(tr("&Back Up Now"), this))
    , m_verify(new QPushButton(tr("&Verify"), this))
    , m_restore(new QPushButton(tr("&Restore…"), this))
    , m_openFolder(new QPushButton(tr("Open &Folder"), this))
    , m_close(new QPushButton(tr("Close"), this))
    , m_phase(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_result(new QLabel(this))
    , m_log(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Backups"));
    m_heading->setWordWrap(true);
    m_heading->setTextFormat(Qt::PlainText);
    // The folder as the project names it, in full in the tooltip.
    const QString folder = m_project.backupFolder();
    const QString relative = QDir(m_project.directory).relativeFilePath(folder);
    const QString shown = relative.startsWith(QLatin1String(".."))
        ? QDir::toNativeSeparators(folder)
        : tr("%1 in the project folder").arg(QDir::toNativeSeparators(relative + QLatin1Char('/')));
    m_heading->setText(m_settings
            ? tr("Backups of %1 go to %2.").arg(databaseName(), shown)
            : tr("Backups go to %1. Connect to a database to back it up or restore it.").arg(shown));
    m_heading->setToolTip(QDir::toNativeSeparators(folder));

    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->header()->setStretchLastSection(true);
    for (int column : { BackupListModel::DateColumn, BackupListModel::SizeColumn, BackupListModel::RevisionColumn,
             BackupListModel::StateColumn })
        m_view->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_pages->addWidget(m_view);
    m_pages->addWidget(m_confirmation);

    m_openFolder->setObjectName(QStringLiteral("openBackupFolder"));
    for (QPushButton *button : { m_backUp, m_verify, m_restore, m_openFolder, m_close, m_cancel })
        button->setAutoDefault(false);

    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_phase->setTextFormat(Qt::PlainText);
    // A long phase ("Restoring FILE into DATABASE...") must not widen the dialog.
    m_phase->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Room for a two-line message even before the layout asks the label.
    m_result->setMinimumHeight(m_result->fontMetrics().lineSpacing() * 2 + 4);
    m_result->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setPlaceholderText(tr("What pg_dump and pg_restore say shows here."));

    // While a job runs, its phase, a busy bar and Cancel take the place of
    // the buttons that would start another.
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_backUp);
    actions->addWidget(m_verify);
    actions->addWidget(m_restore);
    actions->addWidget(m_phase, 1);
    actions->addWidget(m_progress);
    actions->addWidget(m_cancel);
    actions->addStretch();
    actions->addWidget(m_openFolder);
    actions->addWidget(m_close);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_pages, 3);
    layout->addLayout(actions);
    layout->addWidget(m_result);
    layout->addWidget(m_log, 2);
    rememberGeometry(this, QStringLiteral("backups"), QSize(860, 560));

    connect(m_backUp, &QPushButton::clicked, this, &BackupsDialog::backUpNow);
    connect(m_verify, &QPushButton::clicked, this, &BackupsDialog::verifySelected);
    connect(m_restore, &QPushButton::clicked, this, &BackupsDialog::restoreSelected);
    connect(m_cancel, &QPushButton::clicked, this, &BackupsDialog::cancel);
    connect(m_close, &QPushButton::clicked, this, &BackupsDialog::reject);
    connect(m_openFolder, &QPushButton::clicked, this, [this] {
        if (!QDesktopServices::openUrl(QUrl::fromLocalFile(m_project.backupFolder())))
            showResult(tr("No application to open %1").arg(QDir::toNativeSeparators(m_project.backupFolder())), true);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &BackupsDialog::updateButtons);
    connect(m_confirmation, &RestoreConfirmation::confirmed, this, &BackupsDialog::confirmRestore);
    connect(m_confirmation, &RestoreConfirmation::cancelled, this, [this] {
        m_pages->setCurrentWidget(m_view);
        showResult(tr("Not restored; nothing was changed."), false);
        updateButtons();
    });

    connect(m_task, &BackupTask::phase, this, &BackupsDialog::showPhase);
    connect(m_task, &BackupTask::progress, this, [this](const QString &line) { m_log->appendPlainText(line); });
    connect(m_task, &BackupTask::lockWaiting, this,
        [this](const QString &holder) { showPhase(tr("Waiting for another run to finish (%1)").arg(holder)); });
    connect(m_task, &BackupTask::backedUp, this, &BackupsDialog::onBackedUp);
    connect(m_task, &BackupTask::verified, this, [this](const BackupCheck &check) {
        m_model->setChecked(check);
        showResult(
            tr("%1 is sound: read back to its last byte, %2 entries, %3.")
                .arg(QFileInfo(check.path).fileName())
                .arg(check.entries)
                .arg(check.versionRowsKnown ? tr("at %1").arg(versionRowsText(check.versionRows))
                                            : tr("with no version table %1").arg(m_project.settings.versionTable)),
            false);
    });
    connect(m_task, &BackupTask::restorePlanned, this, &BackupsDialog::askToRestore);
    connect(m_task, &BackupTask::restored, this, [this](const QStringList &rows) {
        showResult(tr("Restored %1 into %2; it is at %3.")
                       .arg(QFileInfo(m_jobFile).fileName(), databaseName(), versionRowsText(rows)),
            false);
        emit databaseChanged();
    });
    connect(m_task, &BackupTask::failed, this, &BackupsDialog::onFailed);
    connect(m_task, &BackupTask::finished, this, [this] {
        // A confirmed restore waits for its backup; it is not over yet.
        if (m_job == Job::BackupBeforeRestore && !m_lastFailed) {
            startJob(Job::Restore, m_task->restore(m_project, *m_settings, m_plan));
            return;
        }
        m_job = Job::None;
        m_phase->clear();
        reload();
        emit idle();
    });

    reload();
    if (m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(0, 0));
    updateButtons();
}

BackupsDialog::~BackupsDialog() = default;

void BackupsDialog::done(int result)
{
    QDialog::done(result);
}

QString BackupsDialog::databaseName() const
{
    return m_settings ? m_settings->displayName() : QString();
}

bool BackupsDialog::isBusy() const
{
    return m_job != Job::None;
}

QString BackupsDialog::resultText() const
{
    return m_result->text();
}

QString BackupsDialog::logText() const
{
    return m_log->toPlainText();
}

QString BackupsDialog::selectedBackup() const
{
    return m_view->currentIndex().data(BackupListModel::PathRole).toString();
}

bool BackupsDialog::selectBackup(const QString &path)
{
    const int row = m_model->rowOf(QFileInfo(path).absoluteFilePath());
    if (row < 0)
        return false;
    m_view->setCurrentIndex(m_model->index(row, 0));
    return true;
}

void BackupsDialog::reload()
{
    const QString selected = selectedBackup();
    Result<QList<BackupFile>> backups = BackupCatalog::list(m_project.backupFolder());
    if (!backups) {
        m_model->setBackups({});
        showResult(backups.error().toString(), true);
    } else {
        m_model->setBackups(*backups);
    }
    if (!selected.isEmpty())
        selectBackup(selected);
    updateButtons();
}

void BackupsDialog::updateButtons()
{
    const bool busy = isBusy();
    const bool confirming = m_pages->currentWidget() == m_confirmation;
    const QModelIndex current = m_view->currentIndex();
    const bool restorable = current.isValid() && current.data(BackupListModel::RestorableRole).toBool();
    // Disabled buttons say why in their tooltip; enabled ones what they do.
    const auto available = [](QPushButton *button, const QString &whyNot, const QString &what) {
        button->setEnabled(whyNot.isEmpty());
        button->setToolTip(whyNot.isEmpty() ? what : whyNot);
    };
    const QString noDatabase = m_settings ? QString() : tr("Connect to a database to back it up or restore into it");
    const QString noSelection = current.isValid() ? QString() : tr("Select a backup in the list first");
    QString cannotRestore = noDatabase.isEmpty() ? noSelection : noDatabase;
    if (cannotRestore.isEmpty() && !restorable)
        cannotRestore = tr("This backup cannot be restored: it is unfinished or unreadable");
    available(m_backUp, noDatabase, tr("Dump the database into the backup folder and read the backup back"));
    available(m_verify, noSelection, tr("Read the selected backup back to its last byte, and the revision in it"));
    available(
        m_restore, cannotRestore, tr("Replace the database with the selected backup, after saying what that replaces"));
    available(m_openFolder,
        QFileInfo::exists(m_project.backupFolder()) ? QString()
                                                    : tr("No backups yet: the folder is made with the first one"),
        tr("Show %1 in the file manager").arg(QDir::toNativeSeparators(m_project.backupFolder())));
    if (busy || confirming) {
        m_backUp->setEnabled(false);
        m_verify->setEnabled(false);
        m_restore->setEnabled(false);
    }
    for (QPushButton *button : { m_backUp, m_verify, m_restore })
        button->setVisible(!busy && !confirming);
    m_phase->setVisible(busy);
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    m_close->setEnabled(!busy);
    m_view->setEnabled(!confirming);
}

void BackupsDialog::startJob(Job job, bool started)
{
    if (!started)
        return;
    m_job = job;
    m_lastFailed = false;
    m_cancel->setEnabled(true);
    if (job != Job::Restore)
        m_result->clear();
    updateButtons();
}

void BackupsDialog::showPhase(const QString &text)
{
    m_phase->setText(text);
    m_phase->setToolTip(text);
    m_log->appendPlainText(QLatin1String("== ") + text);
}

void BackupsDialog::showResult(const QString &text, bool failed)
{
    m_lastFailed = failed;
    QPalette palette = m_result->palette();
    palette.setColor(QPalette::WindowText,
        failed ? GraphColors::hue(0, palette, true) : palette.color(QPalette::Active, QPalette::Text));
    m_result->setPalette(palette);
    m_result->setText(text);
    m_log->appendPlainText(text);
}

void BackupsDialog::backUpNow()
{
    if (!m_settings || isBusy())
        return;
    m_log->clear();
    m_jobFile.clear();
    startJob(Job::Backup, m_task->backup(m_project, *m_settings));
}

void BackupsDialog::verifySelected()
{
    const QString path = selectedBackup();
    if (path.isEmpty() || isBusy())
        return;
    m_log->clear();
    m_jobFile = path;
    m_model->setChecking(path);
    startJob(Job::Verify, m_task->verify(m_project, path));
}

void BackupsDialog::restoreSelected()
{
    const QString path = selectedBackup();
    if (path.isEmpty() || !m_settings || isBusy())
        return;
    m_log->clear();
    m_jobFile = path;
    startJob(Job::PlanRestore, m_task->planRestore(m_project, *m_settings, path));
}

void BackupsDialog::askToRestore(const RestorePlan &plan, const QStringList &rowsNow)
{
    RestoreConfirmation::Facts facts;
    facts.plan = plan;
    facts.databaseName = databaseName();
    facts.confirmationName = productionName(*m_settings);
    facts.rowsNow = rowsNow;
    facts.rowsInBackup = m_model->versionRows(plan.file, &facts.rowsInBackupKnown);
    facts.production = m_production;
    m_confirmation->ask(facts);
    m_pages->setCurrentWidget(m_confirmation);
    showResult(tr("Read %1 back fully. Confirm the restore below.").arg(QFileInfo(plan.file).fileName()), false);
    updateButtons();
}

void BackupsDialog::confirmRestore(bool backupFirst)
{
    m_pages->setCurrentWidget(m_view);
    m_plan = m_confirmation->facts().plan;
    m_jobFile = m_plan.file;
    if (backupFirst)
        startJob(Job::BackupBeforeRestore, m_task->backup(m_project, *m_settings));
    else
        startJob(Job::Restore, m_task->restore(m_project, *m_settings, m_plan));
}

void BackupsDialog::onBackedUp(const BackupInfo &info)
{
    showResult(tr("Backed up at %1 to %2 (%3, %4 entries, read back and verified).")
                   .arg(versionRowsText(info.versionRows), QFileInfo(info.path).fileName(),
                       QLocale().formattedDataSize(info.bytes))
                   .arg(info.entries),
        false);
    reload();
    if (m_job == Job::Backup)
        selectBackup(info.path);
    emit backupMade(info);
}

void BackupsDialog::onFailed(const Error &error, bool cancelled)
{
    QString text = cancelled ? tr("Cancelled: %1").arg(error.toString()) : error.toString();
    switch (m_job) {
    case Job::Verify:
        if (cancelled)
            m_model->clearCheck(m_jobFile);
        else
            m_model->setDamaged(m_jobFile, error.message);
        break;
    case Job::BackupBeforeRestore:
        text = tr("The restore did not start, since the backup before it failed: %1").arg(text);
        break;
    case Job::Restore:
        emit databaseChanged(); // it should be as it was; read it again to show that
        break;
    default:
        break;
    }
    showResult(text, true);
}

void BackupsDialog::cancel()
{
    if (!isBusy())
        return;
    m_phase->setText(tr("Cancelling…"));
    m_cancel->setEnabled(false);
    m_task->cancel();
}

void BackupsDialog::reject()
{
    if (isBusy()) {
        cancel();
        return;
    }
    if (m_pages->currentWidget() == m_confirmation) {
        m_confirmation->cancelButton()->click();
        return;
    }
    QDialog::reject();
}

} // namespace Retort
