#pragma once

#include <QDateTime>
#include <QStringView>

namespace Retort {

// Reads an ISO 8601 date and time as revision files carry them: native
// headers ("2026-11-24T10:15:00Z") and Alembic docstrings
// ("2026-11-24 10:15:00.123456", with "+01:00" when Alembic's timezone
// option is set). Fractions are cut to milliseconds. A time without an
// offset is in the system's time zone, as Alembic wrote it. Invalid
// QDateTime when the text is not such a date.
//
// Qt's own local-time path calls mktime(), which re-reads the zone data on
// every call when TZ is unset: about 50 µs a date, too slow for 10,000
// revision files. The system zone as a QTimeZone is read once.
QDateTime parseRevisionDate(QStringView text);

} // namespace Retort
