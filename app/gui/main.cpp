#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>

#include <cstdio>
#include <cstring>

namespace {

bool wantsScreenshot(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--screenshot") == 0 || std::strncmp(argv[i], "--screenshot=", 13) == 0)
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    // A screenshot needs no display: render offscreen. This must be decided
    // before QApplication picks a platform plugin.
    if (wantsScreenshot(argc, argv))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("retort"));
    QApplication::setApplicationDisplayName(QStringLiteral("Retort"));
    QApplication::setOrganizationName(QStringLiteral("Retort"));
    QApplication::setApplicationVersion(QStringLiteral(RETORT_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Retort: review and run database migrations."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({ { QStringLiteral("p"), QStringLiteral("project") },
        QApplication::translate("main", "The migration project folder to open."),
        QApplication::translate("main", "DIR") });
    parser.addOption({ QStringLiteral("db"), QApplication::translate("main", "Database URL to connect to."),
        QApplication::translate("main", "URL") });
    parser.addOption({ QStringLiteral("screenshot"),
        QApplication::translate("main", "Render the main window offscreen to FILE (PNG) and exit."),
        QApplication::translate("main", "FILE") });
    parser.process(app);

    Retort::MainWindow window;
    if (parser.isSet(QStringLiteral("db")))
        window.setDatabaseUrl(parser.value(QStringLiteral("db")));
    const QString project =
        parser.isSet(QStringLiteral("project")) ? parser.value(QStringLiteral("project")) : QString();
    if (!project.isEmpty() && !window.openProject(project) && parser.isSet(QStringLiteral("screenshot"))) {
        return 2;
    }

    if (parser.isSet(QStringLiteral("screenshot"))) {
        const QString file = parser.value(QStringLiteral("screenshot"));
        window.show();
        QApplication::processEvents();
        if (!window.grab().save(file, "PNG")) {
            std::fprintf(
                stderr, "retort: cannot write the screenshot to %s\n", qPrintable(QDir::toNativeSeparators(file)));
            return 1;
        }
        return 0;
    }
    window.show();
    return QApplication::exec();
}
