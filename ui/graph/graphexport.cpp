#include "graphexport.h"

#include "revisiongraphview.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

namespace Retort {

QString exportGraph(const RevisionGraphView *view, const QString &path, bool selectionOnly)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("Retort::GraphExport", text); };
    const QList<int> rows = view->exportRows(selectionOnly);
    if (rows.isEmpty())
        return selectionOnly ? tr("No revision is selected") : tr("The graph is empty");
    const QSize size = view->exportSize(rows);
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(tr("Revision graph"));
        svg.setDescription(tr("Exported from Retort"));
        QPainter painter;
        if (!painter.begin(&svg))
            return tr("Cannot write %1").arg(QDir::toNativeSeparators(path));
        view->renderRows(&painter, rows);
        painter.end();
        return {};
    }
    if (suffix != QLatin1String("png"))
        return tr("Export as .svg or .png, not .%1").arg(suffix);
    const qreal ratio = view->devicePixelRatioF();
    // QImage has its limits: a graph of 100,000 rows is for SVG.
    if (qint64(size.width() * ratio) * qint64(size.height() * ratio) > 400LL * 1000 * 1000)
        return tr("The graph is too tall for a PNG: export it as SVG, or a selection as PNG");
    QImage image(size * ratio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(ratio);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    view->renderRows(&painter, rows);
    painter.end();
    if (!image.save(path, "PNG"))
        return tr("Cannot write %1").arg(QDir::toNativeSeparators(path));
    return {};
}

} // namespace Retort
