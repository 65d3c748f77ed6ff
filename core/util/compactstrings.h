#pragma once

#include <QExplicitlySharedDataPointer>
#include <QSharedData>
#include <QString>
#include <QStringList>

#include <initializer_list>

namespace Retort {

// A string, or a string list, that takes one pointer where QString and
// QStringList take three. Revision keeps a few fields that are empty on
// nearly every revision (branch labels, depends_on, an Alembic docstring) or
// the same on all of them (the folder): a 100,000-revision project holds a
// Revision per revision, and 16 bytes a field there are 1.6 MB. An empty
// value allocates nothing; copies share one immutable value, so giving many
// revisions the same folder costs one copy of it.
template<typename Value>
class CompactValue
{
public:
    CompactValue() = default;
    // Implicit both ways, so that a field can change type without its users.
    CompactValue(const Value &value)
        : m_data(value.isEmpty() ? nullptr : new Data(value))
    { }

    const Value &value() const { return m_data ? m_data->value : empty(); }
    operator const Value &() const { return value(); }
    bool isEmpty() const { return !m_data; }
    // Whether both hold the same copy (not only an equal value).
    bool sharesWith(const CompactValue &other) const { return m_data == other.m_data; }

    friend bool operator==(const CompactValue &a, const CompactValue &b) { return a.value() == b.value(); }
    friend bool operator==(const CompactValue &a, const Value &b) { return a.value() == b; }

private:
    struct Data : QSharedData {
        explicit Data(const Value &text)
            : value(text)
        { }
        const Value value;
    };
    static const Value &empty()
    {
        static const Value none;
        return none;
    }

    QExplicitlySharedDataPointer<Data> m_data;
};

using CompactString = CompactValue<QString>;

class CompactStringList : public CompactValue<QStringList>
{
public:
    using CompactValue::CompactValue;
    CompactStringList(std::initializer_list<QString> list)
        : CompactValue(QStringList(list))
    { }

    qsizetype size() const { return value().size(); }
    const QString &first() const { return value().first(); }
    bool contains(const QString &text) const { return value().contains(text); }
    template<typename Separator>
    QString join(Separator separator) const
    {
        return value().join(separator);
    }
    QStringList::const_iterator begin() const { return value().begin(); }
    QStringList::const_iterator end() const { return value().end(); }
};

} // namespace Retort
