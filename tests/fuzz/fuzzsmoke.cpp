// A few seconds of fuzzing for every test run, without libFuzzer: seed
// inputs (the demo project, Alembic's templates, odd corners of both
// formats) mutated at random — bytes flipped, quotes, brackets, backslashes,
// markers and line breaks inserted, pieces cut, repeated and spliced — and
// fed to every parser. A crash or a hang fails the test (CTest's timeout).
//
//   RETORT_FUZZ_SECONDS=600 RETORT_FUZZ_SEED=7 build/tests/fuzz/tst_fuzzsmoke
//
// runs longer; the libFuzzer build (README, "Fuzzing") runs for real.
#include "fuzzparsers.h"
#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace Retort;

namespace {

QList<QByteArray> seeds()
{
    QList<QByteArray> result;
    const QDir demo(Test::demoProjectDirectory() + QStringLiteral("/versions"));
    for (const QString &name : demo.entryList({ QStringLiteral("*.sql") })) {
        QFile file(demo.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            result.append(file.readAll());
    }
    result.append(
        QByteArray("\"\"\"Add email\n\nRevision ID: 1975ea83b712\nRevises: ae1027a6acf2\nCreate Date: 2026-11-24 "
                   "10:15:00.123456\n\n\"\"\"\nfrom typing import Sequence, Union\n\nfrom alembic import op\nimport "
                   "sqlalchemy as sa\n\nrevision: str = '1975ea83b712'\ndown_revision: Union[str, None] = "
                   "('ae1027a6acf2', 'b2')\nbranch_labels: Union[str, Sequence[str], None] = "
                   "(cli.EXPAND,)\ndepends_on: Union[str, Sequence[str], None] = None\n\n\ndef upgrade() -> "
                   "None:\n    op.execute(r'''SELECT '\\x' ''')\n\n\ndef downgrade() -> None:\n    pass\n"));
    result.append(QByteArray("# -*- coding: utf-8 -*-\nP = 'a1'\nrevision = rev = f'x{P}' \"y\" '\\u00e9\\N{BULLET}'\n"
                             "down_revision, depends_on = [P, \\\n 'b2',], (P)\nif x:\n  revision = 'no'\n"));
    result.append(
        QByteArray("CREATE TABLE t (id int PRIMARY KEY, j json);\nALTER TABLE t ADD COLUMN c text NOT NULL;\n"
                   "-- retort:ignore drop-column\nALTER TABLE t DROP COLUMN c;\nBEGIN;\nCREATE INDEX CONCURRENTLY "
                   "i ON t (id);\nCREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;\n"
                   "DO $x$ BEGIN PERFORM 1; END $x$;\nALTER TABLE t ADD CONSTRAINT c CHECK (id > 0) NOT VALID;\n"));
    result.append(QByteArray("[alembic]\nscript_location = %(here)s/m\nversion_locations = a:b\n  c\n[retort]\n"
                             "version_table = v\n[retort.names]\ncli.EXPAND = expand\n"));
    // Inputs that once crashed a libFuzzer target (`./dev fuzz`), kept so
    // they are fed to every parser in every test run.
    const QDir found(Test::sourceDirectory() + QStringLiteral("/tests/data/fuzz"));
    for (const QString &target : found.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QDir inputs(found.filePath(target));
        for (const QString &name : inputs.entryList(QDir::Files)) {
            QFile file(inputs.filePath(name));
            if (file.open(QIODevice::ReadOnly))
                result.append(file.readAll());
        }
    }
    return result;
}

QByteArray mutate(QByteArray input, QRandomGenerator &random, const QList<QByteArray> &pool)
{
    static const QList<QByteArray> fragments = { "'", "\"", "'''", "\"\"\"", "\\", "\n", "\r\n", "(", ")", "[", "]",
        "{", "}", ",", "=", ":", "#", "-- ", "-- migrate:upgrade\n", "-- migrate:downgrade sqlite\n",
        "-- revision: ", "-- down_revision: a,,b\n", "revision = ", "down_revision = ", "None", "f'", "b'", "rb\"",
        "\t", "\xe2\x80\xa8", "\xc3\xa9", "[section", "%(here)s", "%(", "@", "+1", "-1", "\\x4", "\\N{", "\\u12", ";",
        "$$", "/*", "*/", "BEGIN;", "COMMIT;", "ALTER TABLE t ", "NOT VALID", "CONCURRENTLY " };
    const int rounds = 1 + int(random.bounded(6));
    for (int round = 0; round < rounds; ++round) {
        const qsizetype at = input.isEmpty() ? 0 : qsizetype(random.bounded(quint32(input.size() + 1)));
        switch (random.bounded(6)) {
        case 0: // change a byte; now and then one that is not UTF-8
            if (!input.isEmpty())
                input[std::min(at, input.size() - 1)] =
                    char(random.bounded(50) == 0 ? random.bounded(256) : 32 + random.bounded(95));
            break;
        case 1:
            input.insert(at, fragments.at(random.bounded(int(fragments.size()))));
            break;
        case 2: // cut a piece
            input.remove(at, qsizetype(random.bounded(64)));
            break;
        case 3: // repeat a piece
            input.insert(at, input.mid(at, qsizetype(random.bounded(128))).repeated(1 + int(random.bounded(4))));
            break;
        case 4: { // splice in part of another seed
            const QByteArray &other = pool.at(random.bounded(int(pool.size())));
            const qsizetype from = other.isEmpty() ? 0 : qsizetype(random.bounded(quint32(other.size())));
            input.insert(at, other.mid(from, qsizetype(random.bounded(200))));
            break;
        }
        default:
            input.truncate(at);
        }
    }
    return input;
}

} // namespace

class FuzzSmokeTest : public QObject
{
    Q_OBJECT
private slots:
    void parsersSurviveMutatedInput();
};

void FuzzSmokeTest::parsersSurviveMutatedInput()
{
    const int seconds =
        qEnvironmentVariableIsSet("RETORT_FUZZ_SECONDS") ? qEnvironmentVariableIntValue("RETORT_FUZZ_SECONDS") : 3;
    const quint32 seed =
        qEnvironmentVariableIsSet("RETORT_FUZZ_SEED") ? quint32(qEnvironmentVariableIntValue("RETORT_FUZZ_SEED")) : 1;
    QRandomGenerator random(seed);
    const QList<QByteArray> pool = seeds();
    QVERIFY(pool.size() > 10);
    for (const QByteArray &input : pool)
        Fuzz::parseEverything(input);
    QElapsedTimer timer;
    timer.start();
    qint64 inputs = 0;
    qint64 texts = 0;
    while (timer.elapsed() < seconds * 1000) {
        QByteArray input = pool.at(random.bounded(int(pool.size())));
        // Mutations build on each other for a while, as a fuzzer's corpus does.
        for (int depth = 0; depth < 8; ++depth) {
            input = mutate(input, random, pool);
            const bool text = Fuzz::parseEverything(input);
            ++inputs;
            if (!text)
                break; // not UTF-8: every parser stops at the same place; start again
            ++texts;
        }
    }
    qInfo("%lld mutated inputs (%lld of them text the parsers read) in %d s (seed %u), no crash", inputs, texts,
        seconds, seed);
    QVERIFY(texts > inputs / 2);
}

QTEST_GUILESS_MAIN(FuzzSmokeTest)
#include "fuzzsmoke.moc"
