#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace Retort {

// One token of Python source, as far as Retort needs them to read Alembic
// revision files without running them.
struct PythonToken {
    enum Kind { Name, String, Number, Operator };
    Kind kind = Name;
    QStringView text; // as written (for strings: prefix and quotes included)
    int line = 1;
    // Strings only: the value, when it is a plain str literal (not bytes,
    // not an f-string with fields) whose escapes Retort can decode.
    bool hasValue = false;
    QString value;
};

// A module-level logical line (not indented): the statements Alembic's
// revision variables live in.
struct PythonStatement {
    QList<PythonToken> tokens;
    int line = 1; // of its first token
};

// Splits Python source into logical lines with Python's lexical rules
// (strings with every prefix and quote form, escapes, comments, brackets
// and backslashes that continue lines), keeping the tokens of the
// module-level ones and only lexing the indented ones (function bodies), so
// that text inside strings and bodies is never mistaken for an assignment.
// Linear in the size of the source.
class PythonLexer
{
public:
    explicit PythonLexer(QStringView source)
        : m_source(source)
    { }

    // The next module-level statement; false at the end of the source or
    // on a lexical error (then error() and errorLine() say what and where).
    bool next(PythonStatement &statement);
    QString error() const { return m_error; }
    int errorLine() const { return m_errorLine; }

private:
    bool nextLogicalLine(PythonStatement &statement, bool *isModuleLevel);
    bool lexString(qsizetype prefixStart, PythonToken *token);
    bool fail(int line, const QString &message);
    void decodeEscapes(QStringView body, QString &out, bool *decodable) const;

    QStringView m_source;
    qsizetype m_pos = 0;
    int m_line = 1;
    QString m_error;
    int m_errorLine = 0;
};

} // namespace Retort
