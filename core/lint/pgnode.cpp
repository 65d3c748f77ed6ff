#include "pgnode.h"

namespace Retort::PgNode {

QString type(const QJsonObject &node)
{
    return node.isEmpty() ? QString() : node.constBegin().key();
}

QJsonObject body(const QJsonObject &node)
{
    return node.isEmpty() ? QJsonObject() : node.constBegin().value().toObject();
}

QJsonObject as(const QJsonObject &node, const char *nodeType)
{
    return node.value(QLatin1String(nodeType)).toObject();
}

QJsonObject object(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toObject();
}

QJsonArray array(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toArray();
}

QString string(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

bool boolean(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toBool();
}

QStringList names(const QJsonArray &list)
{
    QStringList result;
    for (const QJsonValue &item : list)
        result.append(
            item.toObject().value(QLatin1String("String")).toObject().value(QLatin1String("sval")).toString());
    return result;
}

QString relation(const QJsonObject &rangeVar)
{
    const QString schema = string(rangeVar, "schemaname");
    const QString name = string(rangeVar, "relname");
    return schema.isEmpty() ? name : schema + QLatin1Char('.') + name;
}

QString typeName(const QJsonObject &typeNameNode)
{
    const QStringList parts = names(array(typeNameNode, "names"));
    return parts.isEmpty() ? QString() : parts.last().toLower();
}

QList<int> typeModifiers(const QJsonObject &typeNameNode)
{
    QList<int> result;
    for (const QJsonValue &modifier : array(typeNameNode, "typmods")) {
        const QJsonObject constant = as(modifier.toObject(), "A_Const");
        // Protobuf's JSON leaves out zero: {"ival": {}} is 0.
        result.append(object(constant, "ival").value(QLatin1String("ival")).toInt());
    }
    return result;
}

bool hasOption(const QJsonArray &options, const char *name)
{
    for (const QJsonValue &option : options) {
        if (string(as(option.toObject(), "DefElem"), "defname") == QLatin1String(name))
            return true;
    }
    return false;
}

namespace {

void collectFunctions(const QJsonValue &node, QStringList &result)
{
    if (node.isArray()) {
        for (const QJsonValue &item : node.toArray())
            collectFunctions(item, result);
        return;
    }
    if (!node.isObject())
        return;
    const QJsonObject o = node.toObject();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (it.key() == QLatin1String("FuncCall")) {
            const QStringList parts = names(array(it.value().toObject(), "funcname"));
            if (!parts.isEmpty())
                result.append(parts.last().toLower());
        } else if (it.key() == QLatin1String("SQLValueFunction")) {
            // current_timestamp and friends are stable, not volatile.
            continue;
        }
        collectFunctions(it.value(), result);
    }
}

} // namespace

QStringList calledFunctions(const QJsonValue &node)
{
    QStringList result;
    collectFunctions(node, result);
    return result;
}

} // namespace Retort::PgNode
