#include "mainwindow.h"
#include "settings/appearance.h"
#include "util/englishplurals.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QDir>
#include <QSettings>
#include <QTemporaryDir>
#include <QThread>

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

int fail(int code, const QString &message)
{
    std::fprintf(stderr, "retort: %s\n", qPrintable(message));
    return code;
}

// Lets the window finish what it started in the background (connecting,
// reading the database, planning) before it is drawn.
bool waitUntilIdle(const Retort::MainWindow &window, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    do {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        if (!window.isBusy()) {
            // Replies queued by the worker may start more work: settle once more.
            QApplication::processEvents();
            if (!window.isBusy())
                return true;
        }
        QThread::msleep(5);
    } while (!deadline.hasExpired());
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    // A screenshot needs no display: render offscreen. This must be decided
    // before QApplication picks a platform plugin.
    const bool screenshot = wantsScreenshot(argc, argv);
    if (screenshot)
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("retort"));
    QApplication::setApplicationDisplayName(QStringLiteral("Retort"));
    QApplication::setOrganizationName(QStringLiteral("Retort"));
    QApplication::setApplicationVersion(QStringLiteral(RETORT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.retort.Retort"));
    // "1 step", "2 steps": the English forms of tr()'s plurals.
    Retort::EnglishPlurals plurals;
    QApplication::installTranslator(&plurals);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Retort: review and run database migrations."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({ { QStringLiteral("p"), QStringLiteral("project") },
        QApplication::translate("main", "The migration project folder to open."),
        QApplication::translate("main", "DIR") });
    parser.addOption({ QStringLiteral("db"),
        QApplication::translate("main", "Database URL to connect to (leave the password out: Retort asks)."),
        QApplication::translate("main", "URL") });
    parser.addOption({ QStringLiteral("screenshot"),
        QApplication::translate("main", "Render the main window offscreen to FILE (PNG) and exit."),
        QApplication::translate("main", "FILE") });
    parser.addOption(
        { QStringLiteral("select"), QApplication::translate("main", "Select this revision (an id or a unique prefix)."),
            QApplication::translate("main", "REV") });
    parser.addOption(
        { QStringLiteral("view"), QApplication::translate("main", "Show this view: graph, review, editor or history."),
            QApplication::translate("main", "VIEW") });
    parser.addOption({ QStringLiteral("theme"),
        QApplication::translate("main", "Colours: light, dark, system, or an editor theme's name (\"Breeze Dark\")."),
        QApplication::translate("main", "NAME") });
    parser.process(app);

    // A screenshot shows the defaults, not this user's settings, and leaves
    // their settings (recent projects, window layout) alone.
    QTemporaryDir screenshotSettings;
    if (screenshot) {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, screenshotSettings.path());
    }
    Retort::Appearance &appearance = Retort::Appearance::instance();
    if (!screenshot)
        appearance.load();
    if (parser.isSet(QStringLiteral("theme")) && !appearance.applyThemeArgument(parser.value(QStringLiteral("theme"))))
        return fail(
            2, QApplication::translate("main", "unknown theme \"%1\"").arg(parser.value(QStringLiteral("theme"))));

    Retort::MainWindow::View view = Retort::MainWindow::View::Graph;
    if (parser.isSet(QStringLiteral("view"))) {
        const QString name = parser.value(QStringLiteral("view"));
        if (name == QLatin1String("review"))
            view = Retort::MainWindow::View::Review;
        else if (name == QLatin1String("history"))
            view = Retort::MainWindow::View::History;
        else if (name == QLatin1String("editor"))
            view = Retort::MainWindow::View::Editor;
        else if (name != QLatin1String("graph"))
            return fail(
                2, QApplication::translate("main", "unknown view \"%1\" (graph, review, editor or history)").arg(name));
    }

    Retort::MainWindow window;
    window.setInteractive(!screenshot);
    const QString project = parser.value(QStringLiteral("project"));
    if (!project.isEmpty() && !window.openProject(project) && screenshot)
        return 2;
    QString url = parser.value(QStringLiteral("db"));
    if (url.isEmpty() && screenshot)
        url = qEnvironmentVariable("DATABASE_URL");
    if (!url.isEmpty())
        window.setDatabaseUrl(url);
    if (parser.isSet(QStringLiteral("select")) && !window.selectRevision(parser.value(QStringLiteral("select"))))
        return fail(2,
            QApplication::translate("main", "no revision %1 in the project")
                .arg(parser.value(QStringLiteral("select"))));
    window.setView(view);

    if (screenshot) {
        const QString file = parser.value(QStringLiteral("screenshot"));
        window.show();
        if (!waitUntilIdle(window, 60000))
            return fail(1, QApplication::translate("main", "the database did not answer within a minute"));
        QApplication::processEvents();
        if (!window.grab().save(file, "PNG")) {
            return fail(1,
                QApplication::translate("main", "cannot write the screenshot to %1")
                    .arg(QDir::toNativeSeparators(file)));
        }
        return 0;
    }
    window.show();
    return QApplication::exec();
}
