#include "offlinesql.h"

#include "alembic/envpyanalysis.h"
#include "project/alembicconfig.h"
#include "util/cachefolder.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace Retort {

namespace {

// Bumped when what the helper writes, or how, changes.
constexpr char kCacheFormat[] = "retort-alembic-sql-1";

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString scriptLocation(const Project &project)
{
    Result<IniFile> ini = IniFile::read(alembicConfigFile(project));
    if (!ini)
        return {};
    Result<AlembicConfig> config = AlembicConfig::read(*ini);
    return config ? config->scriptLocation : QString();
}

void addPart(QCryptographicHash &hash, const QByteArray &part)
{
    // Length first, so that parts cannot run into each other.
    hash.addData(QByteArray(QByteArray::number(part.size()) + ':'));
    hash.addData(part);
}

AlembicStepSql stepFromJson(const QJsonObject &object)
{
    AlembicStepSql step;
    step.sql = object.value(QStringLiteral("sql")).toString();
    step.error = object.value(QStringLiteral("error")).toString();
    step.line = object.value(QStringLiteral("line")).toInt();
    return step;
}

} // namespace

AlembicOfflineSql::AlembicOfflineSql(const Project &project, AlembicPython python)
    : m_project(project)
    , m_python(std::move(python))
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const QString location = scriptLocation(project);
    const QString config = alembicConfigFile(project);
    addPart(hash, kCacheFormat);
    addPart(hash, config.toUtf8());
    addPart(hash, fileBytes(config));
    addPart(hash, location.toUtf8());
    addPart(hash, fileBytes(QDir(location).filePath(QStringLiteral("env.py"))));
    addPart(hash, m_python.python.toUtf8());
    addPart(hash, m_python.url.toUtf8());
    for (auto it = m_python.environment.cbegin(); it != m_python.environment.cend(); ++it)
        addPart(hash, (it.key() + QLatin1Char('=') + it.value()).toUtf8());
    m_sharedInputs = hash.result();
}

QString AlembicOfflineSql::cacheDirectory()
{
    return sharedCacheFolder(QStringLiteral("alembic-sql"));
}

QByteArray AlembicOfflineSql::cacheKey(
    const QString &revisionId, Direction direction, const QStringList &rowsBefore, const QString &filePath) const
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    addPart(hash, m_sharedInputs);
    addPart(hash, revisionId.toUtf8());
    addPart(hash, direction == Direction::Upgrade ? "upgrade" : "downgrade");
    addPart(hash, rowsBefore.join(QLatin1Char(' ')).toUtf8());
    addPart(hash, fileBytes(filePath));
    return hash.result().toHex();
}

Result<QList<AlembicStepSql>> AlembicOfflineSql::render(const MigrationPlan &plan) const
{
    QList<AlembicStepSql> steps(plan.steps.size());
    QList<QByteArray> keys;
    QJsonArray wanted;
    QList<qsizetype> wantedSteps;
    const QDir cache(cacheDirectory());
    QStringList rows = plan.versionRowsBefore;
    for (qsizetype i = 0; i < plan.steps.size(); ++i) {
        const PlanStep &step = plan.steps.at(i);
        const Revision &revision = m_project.graph.revision(step.revision);
        const QByteArray key = cacheKey(revision.id, step.direction, rows, revision.filePath());
        keys.append(key);
        const QJsonDocument cached =
            QJsonDocument::fromJson(fileBytes(cache.filePath(QString::fromLatin1(key) + QStringLiteral(".json"))));
        if (cached.isObject()) {
            steps[i] = stepFromJson(cached.object());
            steps[i].fromCache = true;
        } else {
            wanted.append(QJsonObject {
                { QStringLiteral("revision"), revision.id },
                { QStringLiteral("upgrade"), step.direction == Direction::Upgrade },
                { QStringLiteral("heads"), QJsonArray::fromStringList(rows) },
            });
            wantedSteps.append(i);
        }
        rows = step.versionRowsAfter;
    }
    if (wanted.isEmpty())
        return steps;

    Result<QJsonObject> answer = runReviewHelper(m_project, m_python,
        QJsonObject { { QStringLiteral("mode"), QStringLiteral("sql") }, { QStringLiteral("steps"), wanted } });
    if (!answer)
        return answer.error();
    const QJsonArray rendered = answer->value(QStringLiteral("steps")).toArray();
    (void)QDir().mkpath(cache.path());
    for (qsizetype k = 0; k < wantedSteps.size(); ++k) {
        const QJsonObject object = rendered.at(k).toObject();
        const qsizetype i = wantedSteps.at(k);
        steps[i] = stepFromJson(object);
        // A cache is a convenience: a folder that cannot be written only
        // means rendering again next time.
        QSaveFile file(cache.filePath(QString::fromLatin1(keys.at(i)) + QStringLiteral(".json")));
        if (file.open(QIODevice::WriteOnly)) {
            file.write(QJsonDocument(object).toJson(QJsonDocument::Compact));
            (void)file.commit();
        }
    }
    return steps;
}

Result<QString> AlembicOfflineSql::script(const MigrationPlan &plan, Dialect dialect) const
{
    Result<QList<AlembicStepSql>> steps = render(plan);
    if (!steps)
        return steps.error();
    for (qsizetype i = 0; i < steps->size(); ++i) {
        const AlembicStepSql &step = steps->at(i);
        if (step.error.isEmpty())
            continue;
        const Revision &revision = m_project.graph.revision(plan.steps.at(i).revision);
        Error error = Error::at(revision.filePath(), step.line,
            QCoreApplication::translate(
                "Retort::AlembicOfflineSql", "Alembic cannot write the SQL of revision %1 offline: %2")
                .arg(revision.id, step.error));
        error.revision = revision.id;
        return error;
    }
    return joined(*steps, analyzeEnvPy(m_project).oneTransaction(dialect));
}

QString AlembicOfflineSql::joined(const QList<AlembicStepSql> &steps, bool oneTransaction)
{
    static const QString begin = QStringLiteral("BEGIN;\n\n");
    static const QString commit = QStringLiteral("COMMIT;\n\n");
    const bool wrapped = oneTransaction && !steps.isEmpty() &&
        std::all_of(steps.cbegin(), steps.cend(),
            [](const AlembicStepSql &step) { return step.sql.startsWith(begin) && step.sql.endsWith(commit); });
    QString out;
    if (wrapped)
        out += begin;
    for (const AlembicStepSql &step : steps)
        out += wrapped ? step.sql.mid(begin.size(), step.sql.size() - begin.size() - commit.size()) : step.sql;
    if (wrapped)
        out += commit;
    return out;
}

} // namespace Retort
