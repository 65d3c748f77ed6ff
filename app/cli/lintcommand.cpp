#include "clicommand.h"
#include "db/databaseconnection.h"
#include "graph/planner.h"
#include "graph/targetresolver.h"
#include "lint/lintformat.h"
#include "lint/livechecks.h"
#include "lint/revisionlint.h"
#include "runsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>

namespace Retort::Cli {

namespace {

// UTF-8 that is already encoded goes to the output as it is: through the
// text stream it would be decoded and encoded again (100 MB of findings).
void writeBytes(CliContext &context, const QByteArray &bytes)
{
    QTextStream &out = context.out();
    if (QIODevice *device = out.device()) {
        out.flush();
        device->write(bytes);
    } else {
        out << bytes;
    }
}

// Byte sizes as "256MB", "1GB", "500kB" or plain bytes.
std::optional<qint64> parseSize(const QString &text)
{
    static const QList<std::pair<QString, qint64>> units = { { QStringLiteral("GB"), 1LL << 30 },
        { QStringLiteral("MB"), 1LL << 20 }, { QStringLiteral("kB"), 1LL << 10 }, { QStringLiteral("B"), 1 } };
    for (const auto &[unit, factor] : units) {
        if (text.endsWith(unit, Qt::CaseInsensitive)) {
            bool ok = false;
            const double value = text.chopped(unit.size()).trimmed().toDouble(&ok);
            return ok && value >= 0 ? std::optional<qint64>(qint64(value * double(factor))) : std::nullopt;
        }
    }
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    return ok && value >= 0 ? std::optional<qint64>(value) : std::nullopt;
}

// The revisions a RANGE names, in upgrade order: "FROM:TO", or TARGET from
// `rows` (the database's version rows, or none: from base).
Result<QList<int>> revisionsToLint(const Project &project, const QString &range, QStringList rows)
{
    const qsizetype colon = range.indexOf(QLatin1Char(':'));
    const QString from = colon >= 0 ? range.left(colon) : QString();
    const QString to = colon >= 0 ? range.mid(colon + 1) : range;
    if (colon >= 0) {
        rows.clear();
        if (!from.isEmpty() && from != QLatin1String("base")) {
            Result<QList<int>> revisions = TargetResolver(project.graph).revisions(from);
            if (!revisions)
                return revisions.error();
            for (int revision : std::as_const(*revisions)) {
                if (revision >= 0)
                    rows.append(project.graph.revision(revision).id);
            }
        }
    }
    Result<MigrationPlan> plan = Planner(project.graph).upgrade(rows, to.isEmpty() ? QStringLiteral("heads") : to);
    if (!plan)
        return plan.error();
    QList<int> revisions;
    for (const PlanStep &step : std::as_const(plan->steps))
        revisions.append(step.revision);
    return revisions;
}

} // namespace

CliCommand lintCommand()
{
    CliCommand command;
    command.name = QStringLiteral("lint");
    command.summary = tr("Check migrations for the locks, rewrites and data losses they risk, on PostgreSQL's own "
                         "parser and, when connected, the real tables.");
    command.positionalSyntax = tr("[RANGE | FILE...]");
    command.addOptions = [](QCommandLineParser &parser) {
        parser.addOption(
            { QStringLiteral("format"), tr("Output: text (default), json, github or sarif."), tr("FORMAT") });
        parser.addOption({ QStringLiteral("pg-version"),
            tr("The PostgreSQL major version the migrations target (default: the connection's, then "
               "[retort.lint] pg_version, then 17)."),
            tr("N") });
        parser.addOption({ QStringLiteral("rules"), tr("List the rules, their locks and safe alternatives.") });
        parser.addOption({ QStringLiteral("offline"), tr("Do not connect, even when a database is configured.") });
        parser.addOption({ QStringLiteral("scan-limit"),
            tr("Tables larger than this get no data checks, only catalog estimates (default 256MB)."), tr("SIZE") });
    };
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
        if (parser.isSet(QStringLiteral("rules"))) {
            context.out() << lintRulesText();
            return int(ExitOk);
        }
        LintFormat format = context.json ? LintFormat::Json : LintFormat::Text;
        if (parser.isSet(QStringLiteral("format")) && !parseLintFormat(parser.value(QStringLiteral("format")), format))
            return context.fail(tr("--format must be text, json, github or sarif"), ExitBadInput);
        int pgVersion = 0;
        if (parser.isSet(QStringLiteral("pg-version"))) {
            bool ok = false;
            pgVersion = parser.value(QStringLiteral("pg-version")).toInt(&ok);
            if (!ok || pgVersion < 9 || pgVersion > 99)
                return context.fail(tr("--pg-version takes a PostgreSQL major version such as 16"), ExitBadInput);
        }
        LiveCheckOptions liveOptions;
        if (parser.isSet(QStringLiteral("scan-limit"))) {
            const std::optional<qint64> limit = parseSize(parser.value(QStringLiteral("scan-limit")));
            if (!limit)
                return context.fail(tr("--scan-limit takes a size such as 256MB or 2GB"), ExitBadInput);
            liveOptions.scanLimitBytes = *limit;
        }

        const QStringList arguments = parser.positionalArguments().mid(1);
        QStringList files;
        for (const QString &argument : arguments) {
            if (argument.endsWith(QLatin1String(".sql")) || argument.endsWith(QLatin1String(".py")) ||
                QFileInfo(argument).isFile())
                files.append(argument);
        }
        if (!files.isEmpty() && files.size() != arguments.size())
            return context.fail(tr("give either one RANGE or files, not both"), ExitBadInput);
        if (files.isEmpty() && arguments.size() > 1)
            return context.fail(tr("lint takes one RANGE (FROM:TO or a target)"), ExitBadInput);

        // A project is needed for a RANGE; for files it only lends its
        // [retort.lint] settings when there is one.
        const bool projectHere = files.isEmpty() ||
            QFileInfo::exists(context.projectDirectory + QStringLiteral("/retort.ini")) ||
            QFileInfo::exists(context.projectDirectory + QStringLiteral("/alembic.ini"));
        const Project *project = projectHere ? context.project() : nullptr;
        if (projectHere && !project)
            return context.projectExitCode();
        const LintSettings settings = project ? project->settings.lint : LintSettings();

        // Connected only when a database was named, and it is PostgreSQL.
        const bool databaseNamed = !context.databaseUrl.isEmpty() || !context.profileName.isEmpty();
        std::unique_ptr<DatabaseConnection> connection;
        QStringList rows;
        if (databaseNamed && !parser.isSet(QStringLiteral("offline"))) {
            Result<ConnectionSettings> connectionSettings = context.connectionSettings();
            if (!connectionSettings)
                return context.fail(connectionSettings.error(), ExitBadInput);
            if (connectionSettings->dialect == Dialect::PostgreSQL) {
                auto opened = DatabaseConnection::open(*connectionSettings);
                if (!opened)
                    return context.fail(opened.error(), ExitFailed);
                connection = std::move(*opened);
                if (project && files.isEmpty()) {
                    Result<VersionRows> read = context.versionRows();
                    if (!read)
                        return context.fail(read.error(), ExitFailed);
                    rows = read->rows;
                }
            }
        }
        std::optional<LiveChecks> live;
        if (connection) {
            live.emplace(connection->database(), liveOptions);
            if (pgVersion == 0 && settings.pgVersion == 0) {
                Result<int> server = live->serverMajorVersion();
                if (server)
                    pgVersion = *server;
            }
        }
        if (pgVersion == 0)
            pgVersion = settings.pgVersion;

        Linter linter(pgVersion, settings);
        QList<LintFinding> findings;
        if (!files.isEmpty()) {
            Result<QList<LintFinding>> found = lintFiles(files, linter);
            if (!found)
                return context.fail(found.error(), ExitBadInput);
            findings = *found;
        } else {
            Result<QList<int>> revisions = revisionsToLint(*project, arguments.value(0, QStringLiteral("heads")), rows);
            if (!revisions)
                return context.fail(revisions.error(), ExitBadInput);
            findings = lintRevisions(*project, *revisions, linter);
        }
        if (live)
            live->annotate(findings);
        // Paths as the user would type them (GitHub and SARIF want them
        // relative to the checkout, which is where CI runs this).
        const QDir here = QDir::current();
        QHash<QString, QString> relative; // once per file: there are many findings per file
        for (LintFinding &finding : findings) {
            auto known = relative.constFind(finding.file);
            if (known == relative.constEnd()) {
                known = relative.insert(finding.file,
                    QFileInfo(finding.file).isAbsolute() ? here.relativeFilePath(finding.file) : finding.file);
            }
            finding.file = *known;
        }

        switch (format) {
        case LintFormat::Text:
            context.out() << lintFindingsText(findings);
            break;
        case LintFormat::Json:
            writeBytes(context, lintFindingsJson(findings));
            break;
        case LintFormat::GitHub:
            context.out() << lintFindingsGitHub(findings);
            break;
        case LintFormat::Sarif:
            writeBytes(context, lintFindingsSarif(findings, QCoreApplication::applicationVersion()));
            break;
        }
        const bool failed = std::any_of(findings.cbegin(), findings.cend(),
            [](const LintFinding &finding) { return finding.severity == LintSeverity::Error; });
        return failed ? int(ExitFailed) : int(ExitOk);
    };
    return command;
}

} // namespace Retort::Cli
