#pragma once

#include <QTranslator>

namespace Retort {

// The numerus forms of the source language. Qt's tr("%n step(s)", ..., n)
// keeps "(s)" unless a translation gives the forms, and Retort's strings
// are written in English: this translator gives English's two forms for
// every such string ("1 step", "2 steps") without a .qm file to keep in
// step with the sources. Other languages come from their translations.
class EnglishPlurals : public QTranslator
{
    Q_OBJECT
public:
    using QTranslator::QTranslator;

    QString translate(
        const char *context, const char *sourceText, const char *disambiguation = nullptr, int n = -1) const override;
    bool isEmpty() const override { return false; }
};

} // namespace Retort
