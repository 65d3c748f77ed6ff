#include "connectdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace Retort {

namespace {

constexpr int kMaxRecent = 10;
const char kRecentKey[] = "connections/recentUrls";

} // namespace

ConnectDialog::ConnectDialog(const QString &projectDirectory, QWidget *parent)
    : QDialog(parent)
    , m_projectDirectory(projectDirectory)
    , m_url(new QComboBox(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Connect to a Database"));
    m_url->setEditable(true);
    m_url->addItems(recentUrls());
    m_url->setMinimumWidth(420);
    m_url->lineEdit()->setPlaceholderText(tr("postgresql://user@host:5432/database or sqlite:///path.db"));
    m_url->setToolTip(tr("Leave the password out: Retort asks for it and keeps it only while it runs. Settings not "
                         "given come from PGHOST, PGUSER, ~/.pgpass and pg_service.conf."));
    auto *sqlite = new QPushButton(tr("SQLite File…"), this);
    connect(sqlite, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("SQLite Database"), m_projectDirectory,
            tr("SQLite databases (*.sqlite *.sqlite3 *.db);;All files (*)"), nullptr,
            QFileDialog::DontConfirmOverwrite);
        if (!file.isEmpty())
            m_url->setEditText(QStringLiteral("sqlite:///") + file);
    });
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: palette(link)"));
    m_error->hide();

    auto *row = new QHBoxLayout;
    row->addWidget(m_url, 1);
    row->addWidget(sqlite);
    auto *form = new QFormLayout;
    form->addRow(tr("&Database URL:"), row);
    // A row that is a layout gets no buddy of itself: without one the label shows its "&".
    qobject_cast<QLabel *>(form->labelForField(row))->setBuddy(m_url);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

void ConnectDialog::accept()
{
    Result<ConnectionSettings> settings =
        ConnectionSettings::fromUrl(m_url->currentText().trimmed(), m_projectDirectory);
    if (!settings) {
        m_error->setText(settings.error().message);
        m_error->show();
        return;
    }
    // SQLite makes a missing file on connecting: a typo would leave an empty
    // database behind. Only make one when that is what the user wants.
    if (settings->dialect == Dialect::SQLite && !QFileInfo::exists(settings->sqlitePath)) {
        const auto answer = QMessageBox::question(this, tr("New SQLite database"),
            tr("%1 does not exist. Create a new, empty database there?")
                .arg(QDir::toNativeSeparators(settings->sqlitePath)),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
    }
    m_settings = *settings;
    QDialog::accept();
}

void ConnectDialog::remember(const ConnectionSettings &settings)
{
    ConnectionSettings withoutPassword = settings;
    withoutPassword.password.clear();
    const QString url = withoutPassword.url();
    QStringList recent = recentUrls();
    recent.removeAll(url);
    recent.prepend(url);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    QSettings().setValue(QLatin1String(kRecentKey), recent);
}

QStringList ConnectDialog::recentUrls()
{
    return QSettings().value(QLatin1String(kRecentKey)).toStringList();
}

bool ConnectDialog::askPassword(QWidget *parent, ConnectionSettings &settings, const QString &reason)
{
    bool ok = false;
    const QString password = QInputDialog::getText(parent, tr("Password"),
        tr("%1\n\nPassword for %2 (kept in memory until Retort quits):").arg(reason, settings.displayName()),
        QLineEdit::Password, {}, &ok);
    if (!ok)
        return false;
    settings.password = password;
    return true;
}

} // namespace Retort
