#include "fleetdialog.h"

#include "exec/runoutcome.h"
#include "fleet/fleetreport.h"
#include "fleetconfirmation.h"
#include "fleetlogpane.h"
#include "fleetreader.h"
#include "fleetruncontrols.h"
#include "fleetrunjob.h"
#include "fleetsummary.h"
#include "fleettablemodel.h"
#include "graph/targetresolver.h"
#include "settings/dialoggeometry.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSaveFile>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Retort {

namespace {

const char *const kLastFilesKey = "fleet/lastFiles";

QPushButton *button(QWidget *parent, const QString &text, const QString &tip)
{
    auto *result = new QPushButton(text, parent);
    result->setToolTip(tip);
    result->setAutoDefault(false);
    return result;
}

} // namespace

FleetDialog::FleetDialog(const Project &project, const QString &fleetFile, QWidget *parent, const QString &profileFile)
    : QDialog(parent)
    , m_project(project)
    , m_path(QFileInfo(fleetFile).absoluteFilePath())
    , m_profileFile(profileFile)
    , m_reader(new FleetReader(this))
    , m_model(new FleetTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_logPane(new FleetLogPane(m_model, this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_title(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_controls(new FleetRunControls(this))
{
    setObjectName(QStringLiteral("fleetDialog"));
    const QString name = QFileInfo(m_path).fileName();
    setWindowTitle(tr("Fleet — %1").arg(name));
    m_title->setText(QStringLiteral("<h3>%1</h3>").arg(tr("Fleet %1").arg(name).toHtmlEscaped()));
    m_title->setToolTip(QDir::toNativeSeparators(m_path));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(FleetTableModel::SortRole);
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // the file's order until asked
    m_view->setSortingEnabled(true);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_logPane);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    m_logPane->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addWidget(m_controls);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(createButtons());

    connect(m_view, &QAbstractItemView::doubleClicked, this,
        [this](const QModelIndex &index) { showLog(m_proxy->mapToSource(index).row()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        if (m_logPane->isVisible())
            showLog(selectedRow());
    });
    connect(m_logPane, &FleetLogPane::closeRequested, m_logPane, &QWidget::hide);
    connect(m_controls, &FleetRunControls::targetChanged, this, &FleetDialog::updateControls);
    connect(m_controls, &FleetRunControls::targetEdited, this, [this] {
        // The pending counts are towards the target: read them again for a new one.
        if (!isReading() && !isRunning() && m_fileError.isEmpty() && targetProblem().isEmpty())
            readStatus();
    });
    // Once per burst of row changes, not once per row.
    m_summaryTimer.setSingleShot(true);
    m_summaryTimer.setInterval(50);
    connect(&m_summaryTimer, &QTimer::timeout, this, &FleetDialog::updateSummary);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        if (!m_summaryTimer.isActive())
            m_summaryTimer.start();
    });

    connect(m_reader, &FleetReader::fileRead, this, &FleetDialog::showDatabases);
    connect(m_reader, &FleetReader::statusRead, m_model, &FleetTableModel::setStatus);
    connect(m_reader, &FleetReader::statusFinished, this, [this] {
        m_view->resizeColumnsToContents();
        updateControls();
        updateSummary();
        emit statusRead();
    });

    rememberGeometry(this, QStringLiteral("fleet"), QSize(1100, 700));
    refresh();
}

FleetDialog::~FleetDialog()
{
    // Its runner's threads report into the model: they end before it does.
    delete m_job;
}

QWidget *FleetDialog::createButtons()
{
    m_refresh = button(this, tr("&Refresh Status"), tr("Read the fleet file and every database's revision again"));
    m_upgrade = button(this, tr("&Upgrade All…"), {});
    m_upgrade->setObjectName(QStringLiteral("fleetUpgradeAll"));
    m_cancel = button(
        this, tr("&Cancel Run"), tr("Stop the run: running migrations are rolled back, no further database starts"));
    m_showLog = button(this, tr("Show &Log"), tr("The selected database's log (or double-click its row)"));
    m_copy = button(this, tr("Cop&y Report"), tr("The run's report, or else the status, as a text table"));
    m_save = button(this, tr("Sa&ve Report…"), tr("Save the report as text, or as JSON for a .json file"));
    m_close = button(this, tr("Close"), {});
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QPushButton *left : { m_refresh, m_upgrade, m_cancel })
        layout->addWidget(left);
    layout->addStretch();
    for (QPushButton *right : { m_showLog, m_copy, m_save, m_close })
        layout->addWidget(right);

    connect(m_refresh, &QPushButton::clicked, this, &FleetDialog::refresh);
    connect(m_upgrade, &QPushButton::clicked, this, &FleetDialog::confirmUpgrade);
    connect(m_cancel, &QPushButton::clicked, this, &FleetDialog::cancelRun);
    connect(m_showLog, &QPushButton::clicked, this, [this] { showLog(selectedRow()); });
    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(reportText()); });
    connect(m_save, &QPushButton::clicked, this, &FleetDialog::chooseReportFile);
    connect(m_close, &QPushButton::clicked, this, &QWidget::close);
    return row;
}

QString FleetDialog::lastFleetFile(const QString &projectDirectory)
{
    return QSettings().value(QLatin1String(kLastFilesKey)).toMap().value(projectDirectory).toString();
}

void FleetDialog::rememberFleetFile(const QString &projectDirectory, const QString &fleetFile)
{
    QSettings settings;
    QVariantMap files = settings.value(QLatin1String(kLastFilesKey)).toMap();
    files.insert(projectDirectory, QFileInfo(fleetFile).absoluteFilePath());
    settings.setValue(QLatin1String(kLastFilesKey), files);
}

FleetConfirmation *FleetDialog::confirmation() const
{
    return m_confirmation;
}

bool FleetDialog::isReading() const
{
    return m_reader->isReadingFile() || m_reader->isReadingStatus();
}

void FleetDialog::refresh()
{
    if (isReading() || isRunning())
        return;
    m_fileError.clear();
    m_summary->setText(tr("Reading %1…").arg(QDir::toNativeSeparators(m_path)));
    m_reader->readFile(m_path, m_profileFile);
    updateControls();
}

void FleetDialog::showDatabases(const Result<QList<FleetDatabase>> &databases)
{
    if (!databases) {
        m_fileError = databases.error().toString();
        m_model->setDatabases({});
        updateControls();
        updateSummary();
        emit statusRead();
        return;
    }
    m_model->setDatabases(*databases);
    m_controls->setDatabaseCount(int(databases->size()));
    m_view->resizeColumnsToContents();
    readStatus();
}

void FleetDialog::readStatus()
{
    m_model->clearStatuses();
    m_reader->readStatus(m_project, m_model->databases(), m_controls->target());
    updateControls();
    updateSummary();
}

QString FleetDialog::targetProblem() const
{
    const QString target = m_controls->target();
    if (target.isEmpty())
        return tr("Give a target: heads, a revision, branch@head…");
    // Relative targets depend on where each database stands: checked there.
    if (target.startsWith(QLatin1Char('+')) || target.startsWith(QLatin1Char('-')) || target.contains(QLatin1Char('@')))
        return {};
    Result<QList<int>> resolved = TargetResolver(m_project.graph).revisions(target);
    return resolved ? QString() : resolved.error().message;
}

void FleetDialog::updateControls()
{
    const bool running = isRunning();
    const bool reading = isReading();
    const bool loaded = m_model->rowCount() > 0;
    QString whyNot;
    if (running)
        whyNot = tr("A run is going on");
    else if (reading)
        whyNot = tr("Reading the fleet…");
    else if (!m_fileError.isEmpty())
        whyNot = tr("The fleet file could not be read");
    else if (!loaded)
        whyNot = tr("The fleet lists no database");
    else if (!m_project.broken.isEmpty())
        whyNot = tr("Nothing runs while %1 is broken: re-attach it first").arg(m_project.broken.first().id);
    else
        whyNot = targetProblem();
    m_upgrade->setEnabled(whyNot.isEmpty());
    m_upgrade->setToolTip(whyNot.isEmpty() ? tr("Upgrade every database of the fleet to the target") : whyNot);
    m_refresh->setEnabled(!running && !reading);
    m_cancel->setEnabled(running && !m_job->isCancelling());
    m_controls->setEnabled(!running);
    for (QPushButton *needsRows : { m_showLog, m_copy, m_save })
        needsRows->setEnabled(loaded);
}

void FleetDialog::updateSummary()
{
    if (!m_fileError.isEmpty()) {
        m_summary->setText(tr("Cannot read the fleet: %1").arg(m_fileError));
        return;
    }
    if (m_reader->isReadingFile())
        return;
    QStringList lines;
    if (isRunning()) {
        lines.append(fleetRunningSummary(*m_model, m_job->target()));
    } else {
        if (m_model->hasRun()) {
            lines.append(tr("Last run to %1, in %2 — %3")
                             .arg(m_runTarget, formatDuration(m_runMs), fleetRunSummary(m_model->runs())));
        }
        if (m_model->rowCount() > 0)
            lines.append(fleetStatusSummary(*m_model, m_controls->target(), isReading()));
    }
    m_summary->setText(lines.join(QLatin1Char('\n')));
}

QString FleetDialog::summary() const
{
    return m_summary->text();
}

int FleetDialog::selectedRow() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? m_proxy->mapToSource(current).row() : -1;
}

void FleetDialog::showLog(int row)
{
    if (!m_logPane->isVisible()) {
        m_logPane->show();
        const int width = m_splitter->width();
        m_splitter->setSizes({ width * 3 / 5, width * 2 / 5 });
    }
    m_logPane->showRow(row);
    if (row >= 0 && selectedRow() != row)
        m_view->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)));
}

void FleetDialog::confirmUpgrade()
{
    if (!m_upgrade->isEnabled() || m_confirmation)
        return;
    FleetConfirmation::Facts facts = FleetConfirmation::factsFor(*m_model, m_controls->options());
    facts.fleetName = QFileInfo(m_path).completeBaseName();
    facts.projectProduction = m_project.settings.production;
    m_confirmation = new FleetConfirmation(facts, this);
    m_confirmation->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirmation, &QDialog::accepted, this, &FleetDialog::startRun);
    m_confirmation->open();
}

void FleetDialog::startRun()
{
    if (isRunning() || isReading())
        return;
    m_job = new FleetRunJob(m_project, m_model->databases(), m_controls->options(), this);
    m_runTarget = m_job->target();
    connect(m_job, &FleetRunJob::finished, this, &FleetDialog::finishRun);
    m_model->follow(m_job->runner());
    m_job->start();
    updateControls();
    updateSummary();
}

void FleetDialog::cancelRun()
{
    if (!isRunning())
        return;
    m_job->cancel();
    m_cancel->setText(tr("Cancelling…"));
    updateControls();
}

void FleetDialog::finishRun(const QList<FleetDatabaseRun> &runs)
{
    m_runMs = m_job->durationMs();
    m_model->finishRun(runs);
    m_job->deleteLater();
    m_job = nullptr;
    m_cancel->setText(tr("&Cancel Run"));
    emit runFinished(fleetRunSummary(runs));
    if (m_closeWhenStopped) {
        close();
        return;
    }
    // Where every database stands now, read the same way as before.
    readStatus();
}

QString FleetDialog::reportText() const
{
    return fleetReportText(*m_model);
}

Result<void> FleetDialog::saveReport(const QString &path) const
{
    const QByteArray bytes = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)
        ? fleetReportJson(*m_model, m_model->hasRun() ? m_runTarget : m_controls->target(), m_runMs)
        : reportText().toUtf8();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error::at(path, 0, file.errorString());
    return {};
}

void FleetDialog::chooseReportFile()
{
    const QFileInfo fleet(m_path);
    const QString suggested = fleet.absoluteDir().filePath(
        fleet.completeBaseName() + (m_model->hasRun() ? QStringLiteral("-run.txt") : QStringLiteral("-status.txt")));
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Fleet Report"), suggested, tr("Text (*.txt);;JSON (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    if (Result<void> saved = saveReport(path); !saved) {
        QMessageBox::warning(
            this, tr("Save Fleet Report"), tr("Cannot save the report: %1").arg(saved.error().toString()));
    }
}

void FleetDialog::reject()
{
    // Escape during a run must not walk away from it: Cancel Run is explicit.
    if (isRunning())
        return;
    QDialog::reject();
}

void FleetDialog::closeEvent(QCloseEvent *event)
{
    if (isRunning()) {
        event->ignore();
        askToCancelAndClose();
        return;
    }
    QDialog::closeEvent(event);
}

void FleetDialog::askToCancelAndClose()
{
    if (findChild<QMessageBox *>(QStringLiteral("fleetCloseQuestion")))
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Close the Fleet"),
        tr("The fleet is being upgraded. Cancel the run and close once it has stopped? Running migrations are "
           "rolled back; every database stays at its last completed revision."),
        QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("fleetCloseQuestion"));
    QPushButton *stop = box->addButton(tr("Cancel Run and Close"), QMessageBox::AcceptRole);
    box->addButton(tr("Keep Running"), QMessageBox::RejectRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, stop](QAbstractButton *clicked) {
        if (clicked != stop || !isRunning())
            return;
        m_closeWhenStopped = true;
        cancelRun();
    });
    box->open();
}

} // namespace Retort
