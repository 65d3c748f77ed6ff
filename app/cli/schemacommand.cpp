#include "autogen/shadowschema.h"
#include "clicommand.h"
#include "db/databaseconnection.h"
#include "graph/planner.h"
#include "interrupt.h"
#include "schema/canonicalddl.h"
#include "schema/schemadiff.h"
#include "schema/schemaintrospector.h"
#include "schema/schemajson.h"
#include "shadowsupport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace Retort::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("retort-cli", text);
}

SchemaFilter filterFor(const QCommandLineParser &parser)
{
    SchemaFilter filter;
    if (parser.isSet(QStringLiteral("all-tables")))
        filter = SchemaFilter { {}, {} };
    return filter;
}

// Reads the schema of the database at `settings`; prints the error and
// sets `exitCode` when it cannot.
std::optional<SchemaModel> readSchema(
    CliContext &context, const ConnectionSettings &settings, const SchemaFilter &filter, int *exitCode)
{
    auto connection = DatabaseConnection::open(settings);
    if (!connection) {
        *exitCode = context.fail(connection.error(), ExitFailed);
        return std::nullopt;
    }
    Result<SchemaModel> model = SchemaIntrospector(filter).read((*connection)->database());
    if (!model) {
        Error error = model.error();
        error.message = tr("%1: %2").arg(settings.redactedUrl(), error.message);
        *exitCode = context.fail(error, ExitFailed);
        return std::nullopt;
    }
    for (const UnknownObject &object : model->unknownObjects)
        context.err()
            << "retort-cli: warning: "
            << tr("%1: %2 %3 is of a kind the schema model does not know yet; it is kept verbatim, not compared")
                   .arg(settings.displayName(), object.kind, object.identity)
            << Qt::endl;
    return std::move(*model);
}

// The schema at a revision: the migrations up to it replayed in a shadow
// database (every time: --json prints the model, which a cached snapshot's
// text is not) and read back as a model.
std::optional<SchemaModel> schemaAtRevision(
    CliContext &context, const Project &project, Dialect dialect, const QString &revision, int *exitCode)
{
    Result<MigrationPlan> path = Planner(project.graph).upgrade({}, revision);
    if (!path) {
        *exitCode = context.fail(path.error(), ExitBadInput);
        return std::nullopt;
    }
    std::atomic<ShadowSession *> running { nullptr };
    const InterruptHandler interrupt([&running] {
        if (ShadowSession *session = running.load())
            session->cancel();
    });
    Result<std::unique_ptr<ShadowSchema>> shadow =
        ShadowSchema::replay(project, shadowOptions(context, project, dialect, 0), *path, &running);
    if (!shadow) {
        *exitCode = context.fail(shadow.error(), ExitFailed);
        return std::nullopt;
    }
    printWarnings(context, (*shadow)->shadow().warnings());
    Result<SchemaModel> model = (*shadow)->read(project.settings);
    if (!model) {
        *exitCode = context.fail(model.error(), ExitFailed);
        return std::nullopt;
    }
    return std::move(*model);
}

int dump(CliContext &context, const QCommandLineParser &parser)
{
    Result<ConnectionSettings> settings = context.connectionSettings();
    if (!settings)
        return context.fail(settings.error(), ExitBadInput);
    int exitCode = ExitOk;
    std::optional<SchemaModel> model;
    if (parser.isSet(QStringLiteral("revision"))) {
        const Project *project = context.project();
        if (!project)
            return context.projectExitCode();
        model =
            schemaAtRevision(context, *project, settings->dialect, parser.value(QStringLiteral("revision")), &exitCode);
    } else {
        model = readSchema(context, *settings, filterFor(parser), &exitCode);
    }
    if (!model)
        return exitCode;
    if (context.json)
        context.printJson(QJsonDocument(schemaModelToJson(*model)));
    else
        context.out() << CanonicalDdl::write(*model);
    return ExitOk;
}

int diff(CliContext &context, const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("from")) || !parser.isSet(QStringLiteral("to")))
        return context.fail(tr("schema diff needs --from URL and --to URL"), ExitBadInput);
    QList<ConnectionSettings> databases;
    for (const QString &option : { QStringLiteral("from"), QStringLiteral("to") }) {
        Result<ConnectionSettings> settings =
            ConnectionSettings::fromUrl(parser.value(option), context.projectDirectory);
        if (!settings)
            return context.fail(settings.error(), ExitBadInput);
        databases.append(*settings);
    }
    if (databases.at(0).dialect != databases.at(1).dialect)
        return context.fail(tr("--from and --to must both be PostgreSQL or both SQLite"), ExitBadInput);
    int exitCode = ExitOk;
    const SchemaFilter filter = filterFor(parser);
    std::optional<SchemaModel> from = readSchema(context, databases.at(0), filter, &exitCode);
    if (!from)
        return exitCode;
    std::optional<SchemaModel> to = readSchema(context, databases.at(1), filter, &exitCode);
    if (!to)
        return exitCode;
    const QList<SchemaChange> changes = SchemaDiff::compare(*from, *to);
    if (context.json) {
        context.printJson(QJsonDocument(QJsonObject { { QStringLiteral("from"), databases.at(0).redactedUrl() },
            { QStringLiteral("to"), databases.at(1).redactedUrl() },
            { QStringLiteral("changes"), schemaChangesToJson(changes) } }));
        return ExitOk;
    }
    if (changes.isEmpty()) {
        context.out() << "-- " << tr("no differences") << '\n';
        return ExitOk;
    }
    context.out() << changeScript(changes);
    return ExitOk;
}

} // namespace

CliCommand schemaCommand()
{
    CliCommand command;
    command.name = QStringLiteral("schema");
    command.summary = tr("Print a database's schema as SQL (dump), or the SQL from one schema to another (diff).");
    command.positionalSyntax = QStringLiteral("dump|diff");
    command.addOptions = [](QCommandLineParser &parser) {
        parser.addOption({ QStringLiteral("from"), tr("diff: the database to change (read only)."), tr("URL") });
        parser.addOption(
            { QStringLiteral("to"), tr("diff: the database whose schema is wanted (read only)."), tr("URL") });
        parser.addOption({ QStringLiteral("revision"),
            tr("dump: the schema at REV (heads, a revision, a label), replayed in the shadow database instead of "
               "reading a database."),
            tr("REV") });
        parser.addOption({ QStringLiteral("all-tables"),
            tr("Include Retort's and Alembic's own tables (retort_history, alembic_version, schema retort_meta).") });
    };
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
        const QStringList arguments = parser.positionalArguments();
        const QString action = arguments.value(1);
        if (arguments.size() != 2 || (action != QLatin1String("dump") && action != QLatin1String("diff")))
            return context.fail(tr("say schema dump or schema diff"), ExitBadInput);
        return action == QLatin1String("dump") ? dump(context, parser) : diff(context, parser);
    };
    return command;
}

} // namespace Retort::Cli
