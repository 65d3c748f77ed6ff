#include "pipeline.h"

#include "connectionsettings.h"
#include "sqlerror.h"

#include <QCoreApplication>

#include <libpq-fe.h>
#include <memory>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::Pipeline", text);
}

struct ResultDeleter {
    void operator()(PGresult *result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

QString field(const PGresult *result, int code)
{
    const char *value = PQresultErrorField(result, code);
    return value ? QString::fromUtf8(value) : QString();
}

Error connectionError(PGconn *connection, const QString &what)
{
    return Error::at(
        {}, 0, redactPasswords(what + QLatin1String(": ") + QString::fromUtf8(PQerrorMessage(connection)).trimmed()));
}

PipelinedResult failed(const PGresult *result, const QString &sql, PGconn *connection)
{
    PipelinedResult out;
    out.status = PipelinedResult::Failed;
    QStringList lines;
    const QString primary = field(result, PG_DIAG_MESSAGE_PRIMARY);
    lines.append(primary.isEmpty() ? QString::fromUtf8(PQerrorMessage(connection)).trimmed() : primary);
    for (const auto &[code, label] :
        { std::pair { PG_DIAG_MESSAGE_DETAIL, "DETAIL: " }, std::pair { PG_DIAG_MESSAGE_HINT, "HINT: " } }) {
        const QString text = field(result, code);
        if (!text.isEmpty())
            lines.append(QLatin1String(label) + text);
    }
    out.error.message = redactPasswords(lines.join(QLatin1Char('\n')));
    out.error.sqlState = field(result, PG_DIAG_SQLSTATE);
    bool number = false;
    const int position = field(result, PG_DIAG_STATEMENT_POSITION).toInt(&number);
    if (number && position > 0)
        out.errorLine = int(sql.left(position - 1).count(QLatin1Char('\n'))) + 1;
    return out;
}

} // namespace

QString numberedPlaceholders(const QString &sql)
{
    // Retort's own SQL: quotes are '...', comments "--" to the end of a
    // line (an apostrophe there is not a quote).
    QString out;
    out.reserve(sql.size() + 16);
    bool inString = false;
    bool inComment = false;
    int next = 0;
    for (qsizetype i = 0; i < sql.size(); ++i) {
        const QChar c = sql.at(i);
        if (inComment) {
            inComment = c != QLatin1Char('\n');
        } else if (c == QLatin1Char('\'')) {
            inString = !inString;
        } else if (!inString && c == QLatin1Char('-') && i + 1 < sql.size() && sql.at(i + 1) == QLatin1Char('-')) {
            inComment = true;
        } else if (!inString && c == QLatin1Char('?')) {
            out += QLatin1Char('$') + QString::number(++next);
            continue;
        }
        out += c;
    }
    return out;
}

Result<QList<PipelinedResult>> runPipeline(
    const QSqlDatabase &database, const QList<PipelinedQuery> &queries, const std::function<void(int)> &arrived)
{
    PGconn *connection = postgresConnection(database);
    if (!connection || PQstatus(connection) != CONNECTION_OK)
        return Error::at({}, 0, tr("the connection to the server was lost"));
    if (!PQenterPipelineMode(connection))
        return connectionError(connection, tr("cannot send the migration"));

    QList<QByteArray> texts;
    for (const PipelinedQuery &query : queries) {
        // Placeholders only in Retort's own queries: a migration's statement
        // (no values) is sent as written, jsonb's "?" operator and all.
        const QByteArray sql = (query.values.isEmpty() ? query.sql : numberedPlaceholders(query.sql)).toUtf8();
        std::vector<QByteArray> values;
        std::vector<const char *> pointers;
        values.reserve(size_t(query.values.size()));
        for (const QVariant &value : query.values) {
            values.push_back(value.isNull() ? QByteArray() : value.toString().toUtf8());
            pointers.push_back(value.isNull() ? nullptr : values.back().constData());
        }
        if (!PQsendQueryParams(
                connection, sql.constData(), int(pointers.size()), nullptr, pointers.data(), nullptr, nullptr, 0)) {
            break; // the connection broke; reading the results says so
        }
        // The server holds results back until a flush or the sync; asking
        // for a flush after each query lets each result come as it is done
        // (progress, and a cancel that reaches the statement running).
        PQsendFlushRequest(connection);
    }
    PQpipelineSync(connection);

    QList<PipelinedResult> results;
    bool lost = false;
    for (qsizetype i = 0; i < queries.size(); ++i) {
        PipelinedResult out;
        if (!lost) {
            ResultPtr result(PQgetResult(connection));
            if (!result) {
                lost = true;
            } else {
                switch (PQresultStatus(result.get())) {
                case PGRES_COMMAND_OK:
                case PGRES_TUPLES_OK:
                    out.status = PipelinedResult::Ok;
                    out.rowsAffected = QString::fromLatin1(PQcmdTuples(result.get())).toInt();
                    if (PQntuples(result.get()) > 0 && PQnfields(result.get()) > 0)
                        out.firstValue = QString::fromUtf8(PQgetvalue(result.get(), 0, 0));
                    break;
                case PGRES_PIPELINE_ABORTED:
                    out.status = PipelinedResult::Skipped;
                    break;
                default:
                    out = failed(result.get(), queries.at(i).sql, connection);
                    break;
                }
                // Each query's results end with a null.
                while (ResultPtr rest { PQgetResult(connection) })
                    ;
            }
        }
        if (lost) {
            out.status = results.isEmpty() || results.last().status == PipelinedResult::Ok ? PipelinedResult::Failed
                                                                                           : PipelinedResult::Skipped;
            if (out.status == PipelinedResult::Failed) {
                out.error = Error::at({}, 0, QString::fromUtf8(PQerrorMessage(connection)).trimmed());
                if (out.error.message.isEmpty())
                    out.error.message = tr("the connection to the server was lost");
            }
        }
        results.append(out);
        if (arrived)
            arrived(int(i));
    }
    // A lost connection is left in pipeline mode: libpq refuses to leave it
    // while queries are queued, and nothing can be sent on it any more; the
    // caller's next statement fails as a broken connection either way.
    if (!lost) {
        // The sync's own result, then back to normal mode for QtSql.
        while (ResultPtr result { PQgetResult(connection) }) {
            if (PQresultStatus(result.get()) == PGRES_PIPELINE_SYNC)
                break;
        }
        PQexitPipelineMode(connection);
    }
    return results;
}

} // namespace Retort
