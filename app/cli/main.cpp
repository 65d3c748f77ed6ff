#include "cliapplication.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("retort-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Retort"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RETORT_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    return Retort::Cli::runCli(QCoreApplication::arguments(), out, err);
}
