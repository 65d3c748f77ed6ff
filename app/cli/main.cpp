#include "cliapplication.h"
#include "util/englishplurals.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("retort-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Retort"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RETORT_VERSION));
    // "1 migration", "2 migrations": the English forms of tr()'s plurals,
    // as the window says them.
    Retort::EnglishPlurals plurals;
    QCoreApplication::installTranslator(&plurals);
    QTextStream out(stdout);
    QTextStream err(stderr);
    return Retort::Cli::runCli(QCoreApplication::arguments(), out, err);
}
