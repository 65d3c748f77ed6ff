#include "lintrules.h"

#include <QCoreApplication>
#include <QHash>

namespace Retort {

#define N(text) QT_TRANSLATE_NOOP("Retort::LintRule", text)

QString LintRule::text(const char *source)
{
    return QCoreApplication::translate("Retort::LintRule", source);
}

QString lintSeverityName(LintSeverity severity)
{
    switch (severity) {
    case LintSeverity::Info:
        return QStringLiteral("info");
    case LintSeverity::Warning:
        return QStringLiteral("warning");
    case LintSeverity::Error:
        break;
    }
    return QStringLiteral("error");
}

bool parseLintSeverity(const QString &name, LintSeverity &severity)
{
    for (LintSeverity candidate : { LintSeverity::Info, LintSeverity::Warning, LintSeverity::Error }) {
        if (name.compare(lintSeverityName(candidate), Qt::CaseInsensitive) == 0) {
            severity = candidate;
            return true;
        }
    }
    return false;
}

namespace {

constexpr LintSeverity kInfo = LintSeverity::Info;
constexpr LintSeverity kWarning = LintSeverity::Warning;
constexpr LintSeverity kError = LintSeverity::Error;

const char *const kAccessExclusive = "ACCESS EXCLUSIVE";
const char *const kEverything = N("every read and write of the table, and every statement queued behind the lock");
const char *const kWrites = N("INSERT, UPDATE and DELETE on the table (reads go on)");

// The rules as data. Locks are PostgreSQL's (see "Explicit Locking" in its
// manual); the anchors name the same check in squawk, strong_migrations,
// eugene and Atlas where one exists.
const QList<LintRule> &buildRules()
{
    static const QList<LintRule> rules = {
        // Indexes
        { "create-index-blocking", kWarning, N("Indexes"), N("CREATE INDEX without CONCURRENTLY on an existing table"),
            "SHARE", kWrites,
            N("Building the index reads the whole table while writes wait; on a large table that is minutes of "
              "failed or queued requests."),
            N("CREATE INDEX CONCURRENTLY ix_orders_customer ON orders (customer_id);  -- in a migration with "
              "\"-- transactional: false\""),
            "squawk: require-concurrent-index-creation; strong_migrations: add_index; eugene: E6; Atlas: PG101",
            "require-concurrent-index-creation" },
        { "drop-index-blocking", kWarning, N("Indexes"), N("DROP INDEX without CONCURRENTLY"), kAccessExclusive,
            kEverything,
            N("DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table; behind a long query it queues "
              "every other query on the table."),
            N("DROP INDEX CONCURRENTLY ix_orders_customer;  -- in a migration with \"-- transactional: false\""),
            "squawk: require-concurrent-index-deletion; Atlas: PG102", "require-concurrent-index-deletion" },
        { "reindex-blocking", kWarning, N("Indexes"), N("REINDEX without CONCURRENTLY"),
            N("SHARE on the table, ACCESS EXCLUSIVE on the index"),
            N("writes to the table, and reads that would use the index"),
            N("REINDEX rebuilds the index while writes wait, and queries planned to use it wait too."),
            N("REINDEX INDEX CONCURRENTLY ix_orders_customer;  -- PostgreSQL 12 and later, outside a transaction"),
            "squawk: require-concurrent-reindex", "require-concurrent-reindex" },
        { "concurrently-in-transaction", kError, N("Indexes"), N("CONCURRENTLY inside a transaction"), "", "",
            N("PostgreSQL refuses CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and DETACH PARTITION "
              "CONCURRENTLY inside a transaction block: the migration fails."),
            N("-- transactional: false\n-- migrate:upgrade\nCREATE INDEX CONCURRENTLY ix_orders_customer ON orders "
              "(customer_id);"),
            "squawk: ban-concurrent-index-creation-in-transaction; Atlas: PG103",
            "ban-concurrent-index-creation-in-transaction" },
        { "detach-partition-blocking", kWarning, N("Indexes"), N("DETACH PARTITION without CONCURRENTLY"),
            N("ACCESS EXCLUSIVE on the parent and the partition"), kEverything,
            N("Detaching a partition locks the whole partitioned table against reads and writes."),
            N("ALTER TABLE measurements DETACH PARTITION measurements_2019 CONCURRENTLY;  -- PostgreSQL 14 and "
              "later, outside a transaction"),
            "squawk: require-concurrent-partition-detach", "require-concurrent-partition-detach" },

        // Constraints
        { "foreign-key-not-valid", kWarning, N("Constraints"), N("FOREIGN KEY without NOT VALID"),
            N("SHARE ROW EXCLUSIVE on both tables"), N("writes to the table and to the referenced table"),
            N("Adding a foreign key checks every existing row while writes to both tables wait."),
            N("ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers "
              "(id) NOT VALID;\n-- in a later migration (its lock lets writes go on):\nALTER TABLE orders VALIDATE "
              "CONSTRAINT orders_customer_fk;"),
            "squawk: adding-foreign-key-constraint; strong_migrations: add_foreign_key; eugene: E1",
            "adding-foreign-key-constraint" },
        { "check-not-valid", kWarning, N("Constraints"), N("CHECK constraint without NOT VALID"), kAccessExclusive,
            kEverything, N("Adding a CHECK constraint scans the whole table under an ACCESS EXCLUSIVE lock."),
            N("ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;\n-- in a later "
              "migration:\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;"),
            "squawk: constraint-missing-not-valid; strong_migrations: add_check_constraint; eugene: E1",
            "constraint-missing-not-valid" },
        { "validate-in-same-transaction", kWarning, N("Constraints"),
            N("VALIDATE CONSTRAINT in the transaction that added it"), kAccessExclusive, kEverything,
            N("The lock taken by ADD CONSTRAINT is still held while VALIDATE scans the table, which is what NOT "
              "VALID was meant to avoid."),
            N("-- migration 1:\nALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT "
              "VALID;\n-- migration 2:\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;"),
            "strong_migrations: add_check_constraint (validate separately); eugene: E1", "" },
        { "set-not-null-scan", kWarning, N("Constraints"), N("SET NOT NULL without a validated CHECK"),
            kAccessExclusive, kEverything,
            N("SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock, unless a validated CHECK (col "
              "IS NOT NULL) already proves it (PostgreSQL 12 and later)."),
            N("ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\n-- later "
              "migration:\nALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\nALTER TABLE users ALTER "
              "COLUMN email SET NOT NULL;\nALTER TABLE users DROP CONSTRAINT users_email_not_null;"),
            "squawk: adding-not-nullable-field; strong_migrations: change_column_null; eugene: E2; Atlas: MF104",
            "adding-not-nullable-field" },
        { "unique-without-index", kWarning, N("Constraints"), N("PRIMARY KEY or UNIQUE constraint without USING INDEX"),
            kAccessExclusive, kEverything,
            N("The constraint builds its index while every read and write waits, and fails on duplicates after "
              "all that work."),
            N("CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\nALTER TABLE users ADD CONSTRAINT "
              "users_email_key UNIQUE USING INDEX users_email_key;"),
            "squawk: disallowed-unique-constraint, adding-serial-primary-key-field; strong_migrations: "
            "add_unique_constraint; eugene: E7; Atlas: MF101",
            "disallowed-unique-constraint,adding-serial-primary-key-field" },
        { "exclusion-constraint", kWarning, N("Constraints"), N("Exclusion constraint on an existing table"),
            kAccessExclusive, kEverything,
            N("An exclusion constraint builds its index under an ACCESS EXCLUSIVE lock, and there is no USING "
              "INDEX or NOT VALID form to avoid it."),
            N("-- Create it while the table is small, or in a maintenance window with lock_timeout set:\nSET "
              "lock_timeout = '2s';\nALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, "
              "during WITH &&);"),
            "strong_migrations: add_exclusion_constraint; eugene: E8", "" },
        { "drop-not-null", kInfo, N("Constraints"), N("DROP NOT NULL"), kAccessExclusive, kEverything,
            N("Code that relies on the column being set may now read NULLs, and the change is hard to undo once "
              "NULLs are written."),
            N("-- Make sure every reader handles NULL first, then:\nALTER TABLE users ALTER COLUMN phone DROP NOT "
              "NULL;"),
            "squawk: ban-drop-not-null", "ban-drop-not-null" },
        { "drop-foreign-key", kInfo, N("Constraints"), N("Foreign key dropped"), N("SHARE ROW EXCLUSIVE"),
            N("writes to both tables"),
            N("Without the foreign key, orphaned rows can appear and will block re-adding it later."),
            N("-- Keep the constraint; if it must go, note how orphans will be found:\nALTER TABLE orders DROP "
              "CONSTRAINT orders_customer_fk;"),
            "Atlas: CD101", "" },

        // Columns
        { "volatile-default", kWarning, N("Columns"), N("ADD COLUMN with a default that rewrites the table"),
            kAccessExclusive, kEverything,
            N("A volatile default (random(), gen_random_uuid(), clock_timestamp(), nextval()...), or any default "
              "before PostgreSQL 11, rewrites every row while the table is locked."),
            N("ALTER TABLE orders ADD COLUMN token uuid;\nALTER TABLE orders ALTER COLUMN token SET DEFAULT "
              "gen_random_uuid();\n-- backfill existing rows in batches:\nUPDATE orders SET token = "
              "gen_random_uuid() WHERE id BETWEEN 1 AND 10000 AND token IS NULL;"),
            "squawk: adding-field-with-default; strong_migrations: add_column default; eugene: E10",
            "adding-field-with-default" },
        { "serial-identity-column", kWarning, N("Columns"), N("ADD COLUMN serial or identity"), kAccessExclusive,
            kEverything,
            N("Filling a serial or identity column gives every existing row a value: a full rewrite "
              "under an ACCESS EXCLUSIVE lock."),
            N("ALTER TABLE events ADD COLUMN seq bigint;\nCREATE SEQUENCE events_seq_seq OWNED BY events.seq;\nALTER "
              "TABLE events ALTER COLUMN seq SET DEFAULT nextval('events_seq_seq');\n-- backfill in batches"),
            "strong_migrations: add_column auto-incrementing; eugene: E11", "" },
        { "stored-generated-column", kWarning, N("Columns"), N("ADD COLUMN ... GENERATED ALWAYS AS ... STORED"),
            kAccessExclusive, kEverything,
            N("A stored generated column is computed for every existing row: a full rewrite under an ACCESS "
              "EXCLUSIVE lock."),
            N("ALTER TABLE orders ADD COLUMN total_cents bigint;\n-- a trigger fills new rows; backfill old ones in "
              "batches"),
            "strong_migrations: add_column stored generated; eugene: E11", "" },
        { "not-null-without-default", kError, N("Columns"), N("ADD COLUMN NOT NULL without a DEFAULT"),
            kAccessExclusive, kEverything,
            N("On a table that has rows the statement fails: existing rows would hold NULL."),
            N("ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';\n-- or add it nullable, backfill, "
              "then SET NOT NULL through a validated CHECK"),
            "squawk: adding-required-field; Atlas: MF103", "adding-required-field" },
        { "column-type-rewrite", kWarning, N("Columns"), N("Column type change that rewrites the table"),
            kAccessExclusive, kEverything,
            N("Changing a column's type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock, except "
              "for binary-compatible changes (varchar(n) to text or to a larger n, numeric to a larger precision, "
              "varchar to text...)."),
            N("ALTER TABLE orders ADD COLUMN amount_new numeric(12,2);\n-- dual-write, backfill in batches, switch "
              "readers, then drop the old column"),
            "squawk: changing-column-type; strong_migrations: change_column; eugene: E5", "changing-column-type" },

        // Destructive changes
        { "drop-table", kWarning, N("Destructive changes"), N("DROP TABLE"), kAccessExclusive, kEverything,
            N("The table and its rows are gone; code still using it fails."),
            N("-- Stop using the table in one release, take a backup, then drop it:\nDROP TABLE legacy_events;"),
            "squawk: ban-drop-table; Atlas: DS102", "ban-drop-table" },
        { "drop-column", kWarning, N("Destructive changes"), N("DROP COLUMN"), kAccessExclusive, kEverything,
            N("The column's data is gone; code still reading it fails."),
            N("-- Stop reading and writing the column first (ignore it in the ORM), then:\nALTER TABLE users DROP "
              "COLUMN legacy_flag;"),
            "squawk: ban-drop-column; strong_migrations: remove_column; Atlas: DS103", "ban-drop-column" },
        { "drop-schema", kWarning, N("Destructive changes"), N("DROP SCHEMA"), kAccessExclusive,
            N("everything in the schema"), N("Every object in the schema and its data is gone."),
            N("-- Move what is still needed out of the schema, back it up, then drop it."), "Atlas: DS101", "" },
        { "drop-database", kError, N("Destructive changes"), N("DROP DATABASE"), "", N("all connections to it"),
            N("A migration that drops a database loses everything in it."),
            N("-- Not something a migration should do; drop databases by hand."), "squawk: ban-drop-database",
            "ban-drop-database" },
        { "truncate-cascade", kWarning, N("Destructive changes"), N("TRUNCATE ... CASCADE"), kAccessExclusive,
            N("every table it cascades to"),
            N("CASCADE empties every table with a foreign key to this one, and theirs in turn."),
            N("-- Name every table to empty:\nTRUNCATE orders, order_items;"), "squawk: ban-truncate-cascade",
            "ban-truncate-cascade" },
        { "delete-without-where", kWarning, N("Destructive changes"), N("DELETE without WHERE"), "ROW EXCLUSIVE",
            N("other writes to the same rows"), N("Every row of the table is deleted."),
            N("DELETE FROM sessions WHERE expires_at < now();"), "", "" },
        { "update-without-where", kWarning, N("Destructive changes"), N("UPDATE without WHERE"), "ROW EXCLUSIVE",
            N("other writes to the same rows"),
            N("Every row of the table is overwritten, in one long transaction that bloats the table."),
            N("UPDATE users SET plan = 'free' WHERE id BETWEEN 1 AND 10000 AND plan IS NULL;  -- in batches"), "", "" },
        { "cluster-vacuum-full", kWarning, N("Destructive changes"), N("CLUSTER or VACUUM FULL"), kAccessExclusive,
            kEverything, N("Both rewrite the whole table while every read and write waits."),
            N("-- Use pg_repack or pg_squeeze, which rewrite online, or plain VACUUM."), "squawk: prefer-repack",
            "prefer-repack" },

        // Renames
        { "rename-table", kWarning, N("Renames"), N("Table renamed"), kAccessExclusive, kEverything,
            N("Running code still uses the old name and fails until it is deployed again."),
            N("-- Create a view under the old name for the transition:\nALTER TABLE customers RENAME TO "
              "clients;\nCREATE VIEW customers AS SELECT * FROM clients;"),
            "squawk: renaming-table; strong_migrations: rename_table; Atlas: BC101", "renaming-table" },
        { "rename-column", kWarning, N("Renames"), N("Column renamed"), kAccessExclusive, kEverything,
            N("Running code still uses the old name and fails until it is deployed again."),
            N("-- Add the new column, dual-write, backfill, switch readers, drop the old one:\nALTER TABLE users ADD "
              "COLUMN full_name text;"),
            "squawk: renaming-column; strong_migrations: rename_column; Atlas: BC102", "renaming-column" },
        { "rename-schema", kWarning, N("Renames"), N("Schema renamed"), "",
            N("nothing, but every query naming it "
              "breaks"),
            N("Everything that names the schema (code, search_path settings, grants scripts) breaks."),
            N("-- Keep the old schema name, or move objects one at a time."), "", "" },
        { "rename-enum-value", kWarning, N("Renames"), N("Enum value renamed"), kAccessExclusive, N("uses of the type"),
            N("Code writing or comparing the old value fails."),
            N("ALTER TYPE status ADD VALUE 'archived';  -- migrate rows, then stop using the old value"), "", "" },

        // Types and names
        { "prefer-jsonb", kInfo, N("Types and names"), N("json instead of jsonb"), "", "",
            N("json keeps the text as written: no equality operator (DISTINCT, GROUP BY and UNIQUE fail) and no "
              "GIN indexing."),
            N("ALTER TABLE events ADD COLUMN payload jsonb;"), "strong_migrations: add_column json; eugene: E3", "" },
        { "int-primary-key", kInfo, N("Types and names"), N("int or serial primary key"), "", "",
            N("A 32-bit key runs out at 2,147,483,647 rows, and widening it later rewrites the table and every "
              "referencing one."),
            N("CREATE TABLE orders (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY);"),
            "squawk: prefer-bigint-over-int, prefer-identity", "prefer-bigint-over-int,prefer-identity" },
        { "timestamp-without-time-zone", kInfo, N("Types and names"), N("timestamp without time zone"), "", "",
            N("A timestamp without time zone means different instants to clients in different time zones."),
            N("ALTER TABLE events ADD COLUMN happened_at timestamptz;"), "squawk: prefer-timestamptz",
            "prefer-timestamptz" },
        { "char-column", kInfo, N("Types and names"), N("char(n) column"), "", "",
            N("char(n) pads with spaces and is no faster than text or varchar."),
            N("ALTER TABLE api_keys ADD COLUMN key_prefix text CHECK (length(key_prefix) = 8);"),
            "squawk: ban-char-field", "ban-char-field" },
        { "identifier-too-long", kWarning, N("Types and names"), N("Identifier longer than 63 bytes"), "", "",
            N("PostgreSQL cuts names at 63 bytes: two long names can become the same one, and the name in the "
              "database is not the one in the migration."),
            N("CREATE INDEX ix_orders_customer_created ON orders (customer_id, created_at);"),
            "squawk: identifier-too-long", "identifier-too-long" },

        // Transactions and timeouts
        { "missing-lock-timeout", kWarning, N("Transactions and timeouts"),
            N("No lock_timeout before a dangerous lock"), "", N("every query queued behind the waiting statement"),
            N("A statement waiting for its lock behind a long query makes every later query on the table wait "
              "too; lock_timeout makes it give up instead."),
            N("SET lock_timeout = '2s';"), "squawk: require-lock-timeout; eugene: E9", "require-lock-timeout" },
        { "missing-statement-timeout", kInfo, N("Transactions and timeouts"),
            N("No statement_timeout before a dangerous lock"), "",
            N("everything the lock blocks, for as long as it "
              "runs"),
            N("Without statement_timeout a slow rewrite or scan keeps its lock for as long as it takes."),
            N("SET statement_timeout = '5min';"), "squawk: require-statement-timeout", "require-statement-timeout" },
        { "statements-after-access-exclusive", kWarning, N("Transactions and timeouts"),
            N("More statements after an ACCESS EXCLUSIVE lock in the same transaction"), kAccessExclusive, kEverything,
            N("The lock is held until the transaction ends, so every later statement lengthens the "
              "outage."),
            N("-- Put the statement that takes the ACCESS EXCLUSIVE lock last, or in a migration of its own."),
            "eugene: E4", "" },
        { "nested-transaction", kError, N("Transactions and timeouts"), N("BEGIN inside a transaction"), "", "",
            N("A migration that runs in a transaction must not BEGIN or COMMIT itself: PostgreSQL ignores the "
              "nested BEGIN with a warning, and an inner COMMIT ends Retort's transaction early."),
            N("-- Let Retort own the transaction, or mark the migration \"-- transactional: false\"."),
            "squawk: transaction-nesting", "transaction-nesting" },
        { "uncommitted-transaction", kError, N("Transactions and timeouts"), N("BEGIN without COMMIT"), "", "",
            N("A transaction left open holds its locks until the connection ends."), N("BEGIN;\n-- ...\nCOMMIT;"),
            "squawk: ban-uncommitted-transaction", "ban-uncommitted-transaction" },

        // The linter itself
        { "syntax-error", kError, N("Lint"), N("The statement does not parse"), "", "",
            N("PostgreSQL would refuse the statement, and nothing after it can be checked."),
            N("-- Fix the statement at the reported line."), "squawk: syntax-error", "syntax-error" },
        { "unused-ignore", kWarning, N("Lint"), N("An ignore comment that suppresses nothing"), "", "",
            N("An ignore that matches no finding is stale or misspelt, and would hide a future finding."),
            N("-- retort:ignore drop-column"), "", "" },
    };
    return rules;
}

} // namespace

const QList<LintRule> &lintRules()
{
    return buildRules();
}

const LintRule *findLintRule(const QString &id)
{
    // Asked for every finding: by id, not by walking the list.
    static const QHash<QString, const LintRule *> byId = [] {
        QHash<QString, const LintRule *> rules;
        for (const LintRule &rule : lintRules())
            rules.insert(QLatin1String(rule.id), &rule);
        return rules;
    }();
    return byId.value(id);
}

} // namespace Retort
