#include "revisionwriter.h"

#include "graph/targetresolver.h"
#include "nativerevisionparser.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::RevisionWriter", text);
}

QString templateText()
{
    QFile file(QStringLiteral(":/retort/templates/revision.sql"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("the revision template is missing from the resources");
    return QString::fromUtf8(file.readAll());
}

} // namespace

QString RevisionWriter::freshId()
{
    return QString::number(QRandomGenerator::system()->generate64() & 0xffffffffffffULL, 16)
        .rightJustified(12, QLatin1Char('0'));
}

QString RevisionWriter::slug(const QString &message)
{
    static const QRegularExpression word(QStringLiteral("\\w+"), QRegularExpression::UseUnicodePropertiesOption);
    QStringList words;
    for (auto it = word.globalMatch(message); it.hasNext();)
        words.append(it.next().captured());
    QString result = words.join(QLatin1Char('_')).toLower();
    constexpr int kLength = 40; // Alembic's truncate_slug_length
    if (result.size() > kLength) {
        result.truncate(kLength);
        const qsizetype cut = result.lastIndexOf(QLatin1Char('_'));
        result = (cut >= 0 ? result.left(cut) : QString()) + QLatin1Char('_');
    }
    return result;
}

Result<WrittenRevision> RevisionWriter::render(const Project &project, const NewRevision &spec)
{
    const RevisionGraph &graph = project.graph;
    const TargetResolver resolver(graph);
    WrittenRevision written;
    written.id = spec.id.isEmpty() ? freshId() : spec.id;
    if (!isValidRevisionId(written.id))
        return Error::at({}, 0, tr("\"%1\" cannot be a revision id").arg(written.id));
    if (graph.indexOf(written.id) >= 0) {
        return Error::at(
            graph.revision(graph.indexOf(written.id)).filePath(), 0, tr("revision %1 already exists").arg(written.id));
    }

    // The revisions it follows, as generate_revision picks them.
    const QStringList heads = spec.heads.isEmpty() ? QStringList { QStringLiteral("head") } : spec.heads;
    Result<QList<int>> followed = resolver.revisions(heads);
    if (!followed) {
        Error error = followed.error();
        if (error.code == TargetError::MultipleHeads) {
            error.message = tr("several heads are present (%1); say which one the new revision follows with --head, "
                               "or merge them first (retort-cli merge heads -m MESSAGE)")
                                .arg([&] {
                                    QStringList ids;
                                    for (int head : graph.heads())
                                        ids.append(graph.revision(head).id);
                                    return ids.join(QLatin1String(", "));
                                }());
        }
        return error;
    }
    QStringList parents;
    for (int revision : std::as_const(*followed)) {
        if (revision < 0)
            continue; // "base": a new base
        const QString id = graph.revision(revision).id;
        if (parents.contains(id))
            return Error::at({}, 0, tr("revision %1 is named twice").arg(id));
        if (!spec.splice && !graph.isHead(revision)) {
            return Error::at(graph.revision(revision).filePath(), 0,
                tr("revision %1 is not a head revision; use --splice to start a new branch from it").arg(id));
        }
        parents.append(id);
    }
    QStringList dependsOn;
    for (const QString &dependency : spec.dependsOn) {
        Result<int> revision = resolver.revision(dependency);
        if (!revision)
            return revision.error();
        if (*revision < 0)
            return Error::at({}, 0, tr("depends_on names revisions, not \"%1\"").arg(dependency));
        dependsOn.append(graph.branchNames(*revision).contains(dependency) ? dependency : graph.revision(*revision).id);
    }

    QString message = spec.message.simplified();
    if (message.isEmpty())
        message = QStringLiteral("empty message");
    QString extra;
    if (!spec.branchLabels.isEmpty())
        extra += QStringLiteral("-- branch_labels: %1\n").arg(spec.branchLabels.join(QLatin1String(", ")));
    if (!dependsOn.isEmpty())
        extra += QStringLiteral("-- depends_on: %1\n").arg(dependsOn.join(QLatin1String(", ")));
    if (!spec.transactional)
        extra += QStringLiteral("-- transactional: false\n");
    written.text = templateText();
    written.text.replace(QLatin1String("{revision}"), written.id);
    written.text.replace(QLatin1String("{down_revision}"), parents.join(QLatin1String(", ")));
    written.text.replace(QLatin1String("{extra_headers}"), extra);
    written.text.replace(QLatin1String("{create_date}"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    written.text.replace(QLatin1String("{message}"), message);
    if (!spec.upgradeSql.trimmed().isEmpty()) {
        written.text.replace(QLatin1String("-- migrate:upgrade\n\n"),
            QLatin1String("-- migrate:upgrade\n") + spec.upgradeSql.trimmed() + QLatin1String("\n"));
    }
    if (!spec.downgradeSql.trimmed().isEmpty()) {
        written.text.replace(QLatin1String("-- migrate:downgrade\n\n"),
            QLatin1String("-- migrate:downgrade\n") + spec.downgradeSql.trimmed() + QLatin1String("\n"));
    }

    const QString folder =
        project.versionFolders.value(0, QDir(project.directory).absoluteFilePath(QStringLiteral("versions")));
    written.path = QDir(folder).absoluteFilePath(written.id + QLatin1Char('_') + slug(message) + QLatin1String(".sql"));

    // The project must still load with it: a label used twice, a
    // dependency cycle... are refused before anything is written.
    Result<Revision> parsed = NativeRevisionParser::parse(written.text, written.path);
    if (!parsed)
        return parsed.error();
    QList<Revision> revisions = graph.revisions();
    revisions.append(*parsed);
    if (Result<RevisionGraph> rebuilt = RevisionGraph::build(revisions); !rebuilt)
        return rebuilt.error();
    return written;
}

Result<WrittenRevision> RevisionWriter::create(const Project &project, const NewRevision &spec)
{
    Result<WrittenRevision> written = render(project, spec);
    if (!written)
        return written;
    QDir().mkpath(QFileInfo(written->path).absolutePath());
    QFile file(written->path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return Error::at(written->path, 0, tr("cannot create the revision file: %1").arg(file.errorString()));
    const QByteArray bytes = written->text.toUtf8();
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        const QString reason = file.errorString();
        file.remove();
        return Error::at(written->path, 0, tr("cannot write the revision file: %1").arg(reason));
    }
    return written;
}

} // namespace Retort
