#include "datetime.h"

#include <QTimeZone>

namespace Retort {

namespace {

// Reads `count` digits at `pos`; -1 if they are not all digits.
int digits(QStringView text, qsizetype pos, int count)
{
    if (pos + count > text.size())
        return -1;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const char16_t c = text.at(pos + i).unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c - u'0');
    }
    return value;
}

} // namespace

QDateTime parseRevisionDate(QStringView text)
{
    text = text.trimmed();
    // YYYY-MM-DD
    const int year = digits(text, 0, 4);
    const int month = digits(text, 5, 2);
    const int day = digits(text, 8, 2);
    if (year < 0 || month < 0 || day < 0 || text.size() < 10 || text.at(4) != u'-' || text.at(7) != u'-')
        return {};
    const QDate date(year, month, day);
    if (!date.isValid())
        return {};
    qsizetype pos = 10;
    QTime time(0, 0);
    if (pos < text.size() && (text.at(pos) == u'T' || text.at(pos) == u' ')) {
        // HH:MM[:SS[.fraction]]
        const int hour = digits(text, pos + 1, 2);
        const int minute = digits(text, pos + 4, 2);
        if (hour < 0 || minute < 0 || text.at(pos + 3) != u':')
            return {};
        pos += 6;
        int second = 0;
        int millisecond = 0;
        if (pos < text.size() && text.at(pos) == u':') {
            second = digits(text, pos + 1, 2);
            if (second < 0)
                return {};
            pos += 3;
            if (pos < text.size() && (text.at(pos) == u'.' || text.at(pos) == u',')) {
                ++pos;
                int scale = 100;
                const qsizetype start = pos;
                while (pos < text.size() && text.at(pos).isDigit()) {
                    millisecond += (text.at(pos).unicode() - u'0') * scale;
                    scale /= 10;
                    ++pos;
                }
                if (pos == start)
                    return {};
            }
        }
        time = QTime(hour, minute, second, millisecond);
        if (!time.isValid())
            return {};
    }
    if (pos == text.size()) {
        static const QTimeZone system = QTimeZone::systemTimeZone();
        return QDateTime(date, time, system);
    }
    if (text.at(pos) == u'Z' && pos + 1 == text.size())
        return QDateTime(date, time, QTimeZone::UTC);
    if (text.at(pos) == u'+' || text.at(pos) == u'-') {
        const int sign = text.at(pos) == u'+' ? 1 : -1;
        const int hours = digits(text, pos + 1, 2);
        qsizetype after = pos + 3;
        if (after < text.size() && text.at(after) == u':')
            ++after;
        const int minutes = after == text.size() ? 0 : digits(text, after, 2);
        if (hours < 0 || minutes < 0 || (after != text.size() && after + 2 != text.size()))
            return {};
        return QDateTime(date, time, QTimeZone::fromSecondsAheadOfUtc(sign * (hours * 3600 + minutes * 60)));
    }
    return {};
}

} // namespace Retort
