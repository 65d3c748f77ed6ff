#include "profileeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>

namespace Retort {

namespace {

enum KindIndex { PostgresKind = 0, SqliteKind = 1 };

// libpq's sslmode values; the first entry leaves the choice to libpq
// (PGSSLMODE or its default, "prefer").
const QStringList &sslModes()
{
    static const QStringList modes = { QString(), QStringLiteral("disable"), QStringLiteral("allow"),
        QStringLiteral("prefer"), QStringLiteral("require"), QStringLiteral("verify-ca"),
        QStringLiteral("verify-full") };
    return modes;
}

} // namespace

ProfileEditor::ProfileEditor(QWidget *parent)
    : QWidget(parent)
{
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("e.g. Staging"));
    m_kind = new QComboBox(this);
    m_kind->addItem(tr("PostgreSQL"));
    m_kind->addItem(tr("SQLite file"));

    auto *postgresPage = new QWidget(this);
    auto *postgresForm = new QFormLayout(postgresPage);
    postgresForm->setContentsMargins(0, 0, 0, 0);
    m_url = new QLineEdit(postgresPage);
    m_url->setPlaceholderText(tr("Paste a postgresql:// URL to fill the fields below"));
    m_urlError = new QLabel(postgresPage);
    m_urlError->setWordWrap(true);
    m_urlError->setVisible(false);
    m_host = new QLineEdit(postgresPage);
    m_host->setPlaceholderText(tr("localhost, or $PGHOST"));
    m_port = new QSpinBox(postgresPage);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("default (5432 or $PGPORT)"));
    m_database = new QLineEdit(postgresPage);
    m_user = new QLineEdit(postgresPage);
    m_user->setPlaceholderText(tr("your login name, or $PGUSER"));
    m_sslMode = new QComboBox(postgresPage);
    for (const QString &mode : sslModes())
        m_sslMode->addItem(mode.isEmpty() ? tr("default ($PGSSLMODE or prefer)") : mode, mode);
    m_service = new QLineEdit(postgresPage);
    m_service->setPlaceholderText(tr("optional: a service from pg_service.conf"));
    postgresForm->addRow(tr("&URL:"), m_url);
    postgresForm->addRow(QString(), m_urlError);
    postgresForm->addRow(tr("&Host:"), m_host);
    postgresForm->addRow(tr("&Port:"), m_port);
    postgresForm->addRow(tr("&Database:"), m_database);
    postgresForm->addRow(tr("&User:"), m_user);
    postgresForm->addRow(tr("&SSL mode:"), m_sslMode);
    postgresForm->addRow(tr("Ser&vice:"), m_service);

    auto *sqlitePage = new QWidget(this);
    auto *sqliteForm = new QFormLayout(sqlitePage);
    sqliteForm->setContentsMargins(0, 0, 0, 0);
    auto *fileRow = new QHBoxLayout;
    m_sqlitePath = new QLineEdit(sqlitePage);
    auto *browse = new QPushButton(tr("&Browse…"), sqlitePage);
    fileRow->addWidget(m_sqlitePath);
    fileRow->addWidget(browse);
    sqliteForm->addRow(tr("&File:"), fileRow);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(
            this, tr("SQLite Database"), m_sqlitePath->text(), {}, nullptr, QFileDialog::DontConfirmOverwrite);
        if (!file.isEmpty())
            m_sqlitePath->setText(file);
    });

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(postgresPage);
    m_pages->addWidget(sqlitePage);

    m_production = new QCheckBox(tr("&Production database"), this);
    m_production->setToolTip(tr("Upgrades, downgrades, stamps and restores ask for the database name to be typed, "
                                "and a downgrade always makes a verified backup first."));
    m_passwordSource = new QComboBox(this);
    m_passwordSource->addItem(tr("From ~/.pgpass or the environment (libpq)"), int(PasswordSource::Libpq));
    m_passwordSource->addItem(tr("Ask every time"), int(PasswordSource::Ask));
    m_passwordSource->addItem(tr("Store in the system keychain"), int(PasswordSource::Keychain));
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_passwordHint = new QLabel(this);
    m_passwordHint->setWordWrap(true);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(m_pages);
    form->addRow(tr("Pass&word:"), m_passwordSource);
    form->addRow(QString(), m_password);
    form->addRow(QString(), m_passwordHint);
    form->addRow(QString(), m_production);

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_pages->setCurrentIndex(index);
        updateVisibility();
    });
    connect(m_passwordSource, &QComboBox::currentIndexChanged, this, &ProfileEditor::updateVisibility);
    connect(m_url, &QLineEdit::editingFinished, this, &ProfileEditor::applyUrlField);
    for (QLineEdit *edit : { m_name, m_host, m_database, m_user, m_service, m_sqlitePath, m_password })
        connect(edit, &QLineEdit::textEdited, this, &ProfileEditor::changed);
    connect(m_port, &QSpinBox::valueChanged, this, &ProfileEditor::changed);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ProfileEditor::changed);
    connect(m_sslMode, &QComboBox::currentIndexChanged, this, &ProfileEditor::changed);
    connect(m_passwordSource, &QComboBox::currentIndexChanged, this, &ProfileEditor::changed);
    connect(m_production, &QCheckBox::toggled, this, &ProfileEditor::changed);
    updateVisibility();
}

void ProfileEditor::setProfile(const ConnectionProfile &profile, bool hasStoredPassword)
{
    const QSignalBlocker blocker(this);
    const ConnectionSettings &c = profile.connection;
    m_name->setText(profile.name);
    m_kind->setCurrentIndex(c.dialect == Dialect::SQLite ? SqliteKind : PostgresKind);
    m_pages->setCurrentIndex(m_kind->currentIndex());
    m_url->clear();
    m_urlError->setVisible(false);
    m_host->setText(c.host);
    m_port->setValue(c.port > 0 ? c.port : 0);
    m_database->setText(c.database);
    m_user->setText(c.user);
    m_sslMode->setCurrentIndex(std::max(0, int(sslModes().indexOf(c.options.value(QStringLiteral("sslmode"))))));
    m_service->setText(c.options.value(QStringLiteral("service")));
    m_sqlitePath->setText(c.sqlitePath);
    m_production->setChecked(profile.production);
    m_passwordSource->setCurrentIndex(m_passwordSource->findData(int(profile.passwordSource)));
    m_password->clear();
    m_hasStoredPassword = hasStoredPassword;
    updateVisibility();
}

ConnectionProfile ProfileEditor::profile() const
{
    ConnectionProfile profile;
    profile.name = m_name->text().trimmed();
    profile.production = m_production->isChecked();
    profile.passwordSource = PasswordSource(m_passwordSource->currentData().toInt());
    ConnectionSettings &c = profile.connection;
    if (m_kind->currentIndex() == SqliteKind) {
        c.dialect = Dialect::SQLite;
        c.sqlitePath = m_sqlitePath->text().trimmed();
        return profile;
    }
    c.dialect = Dialect::PostgreSQL;
    c.host = m_host->text().trimmed();
    c.port = m_port->value() > 0 ? m_port->value() : -1;
    c.database = m_database->text().trimmed();
    c.user = m_user->text().trimmed();
    const QString sslMode = m_sslMode->currentData().toString();
    if (!sslMode.isEmpty())
        c.options.insert(QStringLiteral("sslmode"), sslMode);
    if (!m_service->text().trimmed().isEmpty())
        c.options.insert(QStringLiteral("service"), m_service->text().trimmed());
    return profile;
}

QString ProfileEditor::enteredPassword() const
{
    return PasswordSource(m_passwordSource->currentData().toInt()) == PasswordSource::Keychain ? m_password->text()
                                                                                               : QString();
}

void ProfileEditor::clearEnteredPassword()
{
    m_password->clear();
}

bool ProfileEditor::applyUrl(const QString &url, QString *error)
{
    Result<ConnectionSettings> parsed = ConnectionSettings::fromUrl(url);
    if (!parsed) {
        *error = parsed.error().message;
        return false;
    }
    ConnectionProfile current = profile();
    const bool hadPassword = !parsed->password.isEmpty();
    current.connection = *parsed;
    current.connection.password.clear();
    if (hadPassword)
        current.passwordSource = PasswordSource::Keychain;
    const bool stored = m_hasStoredPassword;
    setProfile(current, stored);
    if (hadPassword)
        m_password->setText(parsed->password);
    emit changed();
    return true;
}

void ProfileEditor::applyUrlField()
{
    const QString url = m_url->text().trimmed();
    if (url.isEmpty())
        return;
    QString error;
    if (applyUrl(url, &error)) {
        m_urlError->setVisible(false);
    } else {
        // Show why, but never echo the URL (it may hold a password).
        m_urlError->setText(error);
        m_urlError->setVisible(true);
    }
    m_url->clear();
}

void ProfileEditor::updateVisibility()
{
    const bool sqlite = m_kind->currentIndex() == SqliteKind;
    m_passwordSource->setEnabled(!sqlite);
    const auto source = PasswordSource(m_passwordSource->currentData().toInt());
    const bool keychain = !sqlite && source == PasswordSource::Keychain;
    m_password->setVisible(keychain);
    m_password->setPlaceholderText(m_hasStoredPassword ? tr("stored in the keychain; type to replace it")
                                                       : tr("password to store in the keychain"));
    if (sqlite) {
        m_passwordHint->setText(tr("SQLite files have no password."));
    } else if (source == PasswordSource::Libpq) {
        m_passwordHint->setText(tr("libpq looks in ~/.pgpass (or PGPASSFILE) and pg_service.conf; nothing is saved "
                                   "by Retort."));
    } else if (source == PasswordSource::Ask) {
        m_passwordHint->setText(tr("Asked when connecting and kept in memory until Retort quits."));
    } else {
        m_passwordHint->setText(tr("Kept by the system keychain, never in Retort's settings."));
    }
}

} // namespace Retort
