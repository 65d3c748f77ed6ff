// What the suites of branch work in the window share: reading the files
// they write and the heads that the graph and real Alembic see.
#pragma once

#include "executortestutil.h"
#include "graph/revisiongraph.h"
#include "testsupport.h"
#include "util/textfile.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QStringList>
#include <QTemporaryDir>

namespace Retort::Test {

inline QString fileText(const QString &path)
{
    Result<QString> text = readUtf8File(path);
    return text ? *text : QString();
}

// A file's text without its create_date line, which says when it was written.
inline QString withoutDate(QString text)
{
    static const QRegularExpression date(QStringLiteral("(?m)^-- create_date: .*\\n"));
    return text.remove(date);
}

inline QStringList headIds(const RevisionGraph &graph)
{
    QStringList ids;
    for (int head : graph.heads())
        ids.append(graph.revision(head).id);
    ids.sort();
    return ids;
}

// The heads real Alembic sees in the same graph: the native project made
// into an Alembic one (same ids, parents, labels), then `alembic heads`.
inline QStringList alembicHeads(const QString &nativeProject, QString *failure)
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("alembic"));
    *failure = writeAlembicCopy(nativeProject, project, false);
    if (!failure->isEmpty())
        return {};
    const ProcessResult heads = runProcess(QStringLiteral("alembic"), { QStringLiteral("heads") }, project);
    if (heads.exitCode != 0) {
        *failure = heads.err;
        return {};
    }
    QStringList ids;
    for (const QString &line : heads.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        ids.append(line.section(QLatin1Char(' '), 0, 0));
    ids.sort();
    return ids;
}

// Whether the revision was written (now or within 20 s).
inline bool waitForWrite(QSignalSpy &written)
{
    return written.size() > 0 || written.wait(20000);
}

} // namespace Retort::Test
