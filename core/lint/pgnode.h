#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Retort::PgNode {

// Helpers over libpg_query's JSON parse tree, where every node is an object
// with one key, its type: {"AlterTableCmd": {"subtype": "AT_AddColumn", ...}}.

QString type(const QJsonObject &node); // "AlterTableCmd"
QJsonObject body(const QJsonObject &node); // the object inside
// The body of `node` when it is of `nodeType`, else an empty object.
QJsonObject as(const QJsonObject &node, const char *nodeType);

QJsonObject object(const QJsonObject &o, const char *key);
QJsonArray array(const QJsonObject &o, const char *key);
QString string(const QJsonObject &o, const char *key);
bool boolean(const QJsonObject &o, const char *key);

// [{"String": {"sval": "a"}}, ...] -> {"a", ...}
QStringList names(const QJsonArray &list);
// A RangeVar as written: "schema.table" or "table".
QString relation(const QJsonObject &rangeVar);
// A TypeName's last name in lower case: "int4", "varchar", "serial", "text".
QString typeName(const QJsonObject &typeNameNode);
// A TypeName's integer modifiers: varchar(20) -> {20}, numeric(10,2) -> {10, 2}.
QList<int> typeModifiers(const QJsonObject &typeNameNode);
// Whether a DefElem list holds `name` (REINDEX's "concurrently", VACUUM's "full").
bool hasOption(const QJsonArray &options, const char *name);
// Names of functions called anywhere inside `node`, lower case, unqualified.
QStringList calledFunctions(const QJsonValue &node);

} // namespace Retort::PgNode
