#include "fleetconfirmation.h"

#include "fleettablemodel.h"
#include "run/typedconfirmation.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTextDocumentFragment>
#include <QVBoxLayout>

namespace Retort {

namespace {

constexpr int kNamesShown = 5; // production databases named; the rest counted

} // namespace

FleetConfirmation::FleetConfirmation(const Facts &facts, QWidget *parent)
    : QDialog(parent)
    , m_facts(facts)
    , m_summary(new QLabel(this))
    , m_confirmation(new TypedConfirmation(this))
{
    setObjectName(QStringLiteral("fleetConfirmation"));
    setWindowTitle(tr("Upgrade the Fleet"));
    const QString target = facts.target.toHtmlEscaped();
    QStringList paragraphs;
    paragraphs.append(tr("Upgrade <b>%1</b> of %2 to <b>%3</b>, %4.")
                          .arg(tr("%n database(s)", nullptr, facts.databases), facts.fleetName.toHtmlEscaped(), target,
                              tr("%n at a time", nullptr, facts.parallel)));
    if (facts.pendingDatabases > 0) {
        paragraphs.append(tr("Pending by the last status read: %1 on %2.")
                              .arg(tr("%n migration(s)", nullptr, facts.pendingMigrations),
                                  tr("%n database(s)", nullptr, facts.pendingDatabases)));
    } else {
        paragraphs.append(tr("By the last status read, nothing is pending: databases already at the target run "
                             "nothing."));
    }
    if (facts.unreadable > 0) {
        paragraphs.append(tr("Not read by the last status read: %1; they are tried again, and what happens is "
                             "reported on their rows.")
                              .arg(tr("%n database(s)", nullptr, facts.unreadable)));
    }
    if (facts.canary > 0) {
        paragraphs.append(tr("Canaries first: the first %1. If one of them fails, no other database starts.")
                              .arg(tr("%n database(s)", nullptr, facts.canary)));
    }
    paragraphs.append(facts.stopOnFailure ? tr("After a failure no further database starts (those running finish).")
                                          : tr("After a failure the other databases go on."));
    paragraphs.append(tr("No backup is taken. Each migration runs in its own transaction, so a database that "
                         "fails stays at its last completed revision."));
    m_summary->setText(paragraphs.join(QStringLiteral("<br>")));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);

    QString who;
    if (facts.projectProduction) {
        who = tr("The project is marked <b>production</b>, and so is every database of the fleet.");
    } else if (!facts.production.isEmpty()) {
        QStringList names;
        for (const QString &name : facts.production.mid(0, kNamesShown))
            names.append(name.toHtmlEscaped());
        if (facts.production.size() > kNamesShown)
            names.append(tr("%n more", nullptr, int(facts.production.size()) - kNamesShown));
        who = tr("Marked <b>production</b>: %1.").arg(names.join(QLatin1String(", ")));
    }
    m_confirmation->setExpected(facts.fleetName,
        who + QLatin1Char(' ') +
            tr("Type the fleet's name, <b>%1</b>, to confirm:").arg(facts.fleetName.toHtmlEscaped()));
    m_confirmation->setVisible(needsName());

    auto *buttons = new QDialogButtonBox(this);
    m_run = buttons->addButton(tr("&Upgrade All"), QDialogButtonBox::AcceptRole);
    m_run->setObjectName(QStringLiteral("fleetConfirmRun"));
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setDefault(true);
    m_run->setAutoDefault(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addSpacing(6);
    layout->addWidget(m_confirmation);
    layout->addStretch();
    layout->addWidget(buttons);

    connect(m_confirmation, &TypedConfirmation::changed, this, &FleetConfirmation::updateButton);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_run->isEnabled())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateButton();
    if (needsName())
        m_confirmation->edit()->setFocus();
    else
        cancel->setFocus();
    setMinimumWidth(520);
}

FleetConfirmation::Facts FleetConfirmation::factsFor(const FleetTableModel &model, const FleetRunOptions &options)
{
    Facts facts;
    facts.target = options.target;
    facts.databases = model.rowCount();
    facts.parallel = options.parallel;
    facts.canary = options.canary;
    facts.stopOnFailure = options.stopOnFailure;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.database(row).production)
            facts.production.append(model.database(row).name);
        const FleetDatabaseStatus *status = model.status(row);
        if (status && status->pending > 0) {
            ++facts.pendingDatabases;
            facts.pendingMigrations += status->pending;
        } else if (!status || !status->ok()) {
            ++facts.unreadable;
        }
    }
    return facts;
}

QLineEdit *FleetConfirmation::nameEdit() const
{
    return m_confirmation->edit();
}

bool FleetConfirmation::needsName() const
{
    return m_facts.projectProduction || !m_facts.production.isEmpty();
}

void FleetConfirmation::updateButton()
{
    const bool confirmed = !needsName() || m_confirmation->isConfirmed();
    m_run->setEnabled(confirmed);
    m_run->setToolTip(confirmed ? QString() : tr("Type the fleet's name above to confirm"));
}

QString FleetConfirmation::text() const
{
    QString text = m_summary->text();
    if (needsName())
        text += QStringLiteral("<br>") + m_confirmation->prompt();
    return QTextDocumentFragment::fromHtml(text).toPlainText();
}

} // namespace Retort
