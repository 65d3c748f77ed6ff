#pragma once

#include "schemamodel.h"

namespace Retort::PostgresDdl {

// The statements that create PostgreSQL objects of the model, formatted one
// way only (the canonical form that dumps and diffs share).
QString columnDefinition(const Column &column);
QString createTable(const Table &table);
QString createSequence(const Sequence &sequence);
QString sequenceOptions(const Sequence &sequence);
QString ownedBy(const Sequence &sequence);
QString createEnum(const EnumType &type);
QString createDomain(const Domain &domain);
QString createComposite(const CompositeType &type);
QString createView(const View &view);
QString createPolicy(const QualifiedName &table, const Policy &policy);
QString addConstraint(const QualifiedName &table, const Constraint &constraint);
QString dropConstraint(const QualifiedName &table, const QString &name);
QString comment(const Comment &comment);
QString grant(const Privilege &privilege, bool apply);

} // namespace Retort::PostgresDdl
