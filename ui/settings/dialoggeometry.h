#pragma once

#include <QSize>
#include <QString>

class QWidget;

namespace Retort {

// A dialog's size: the one the user left it at (kept in the settings under
// `key`), or else `preferred`, and never larger than the screen it opens
// on, so its buttons stay on screen at 2x scale or on a small laptop.
void rememberGeometry(QWidget *dialog, const QString &key, QSize preferred);

} // namespace Retort
