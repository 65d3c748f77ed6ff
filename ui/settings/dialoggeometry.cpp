#include "dialoggeometry.h"

#include <QEvent>
#include <QGuiApplication>
#include <QScreen>
#include <QSettings>
#include <QWidget>

namespace Retort {

namespace {

QString settingsKey(const QString &key)
{
    return QStringLiteral("dialogs/%1/size").arg(key);
}

// Saves the size when the dialog closes.
class GeometryKeeper : public QObject
{
public:
    GeometryKeeper(QWidget *dialog, const QString &key)
        : QObject(dialog)
        , m_key(key)
    {
        dialog->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Hide)
            QSettings().setValue(settingsKey(m_key), static_cast<QWidget *>(watched)->size());
        return false;
    }

private:
    QString m_key;
};

} // namespace

void rememberGeometry(QWidget *dialog, const QString &key, QSize preferred)
{
    const QSize saved = QSettings().value(settingsKey(key)).toSize();
    QSize size = saved.isValid() ? saved : preferred;
    QScreen *screen = dialog->parentWidget() ? dialog->parentWidget()->screen() : QGuiApplication::primaryScreen();
    if (screen) {
        // Room for the title bar and the panel: nine tenths of what is free.
        const QSize available = screen->availableGeometry().size() * 9 / 10;
        size = size.boundedTo(available);
    }
    dialog->resize(size.expandedTo(dialog->minimumSizeHint().boundedTo(size)));
    new GeometryKeeper(dialog, key);
}

} // namespace Retort
