// Linked into every test of the window: the English plural forms are
// installed as the app installs them (app/gui/main.cpp), so that what the
// tests read and the screenshots show is "1 step", not "1 step(s)".
#include "util/englishplurals.h"

#include <QCoreApplication>

namespace {

void installEnglishPlurals()
{
    QCoreApplication::installTranslator(new Retort::EnglishPlurals(QCoreApplication::instance()));
}

} // namespace

Q_COREAPP_STARTUP_FUNCTION(installEnglishPlurals)
