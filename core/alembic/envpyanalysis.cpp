#include "envpyanalysis.h"

#include "alembic/reviewhelper.h"
#include "project/alembicconfig.h"
#include "sql/alembicopsanalysis.h"
#include "util/textfile.h"

#include <QDir>

namespace Retort {

EnvPyTransactions analyzeEnvPy(const Project &project)
{
    EnvPyTransactions transactions;
    Result<IniFile> ini = IniFile::read(alembicConfigFile(project));
    Result<AlembicConfig> config = ini ? AlembicConfig::read(*ini) : Result<AlembicConfig>(ini.error());
    if (!config)
        return transactions;
    transactions.envPy = QDir(config->scriptLocation).absoluteFilePath(QStringLiteral("env.py"));
    Result<QString> source = readUtf8File(transactions.envPy);
    if (!source) {
        transactions.envPy.clear();
        return transactions;
    }
    // Offline and online runs usually configure separately; a run is
    // online, and an env.py that asks for it in one asks in both.
    for (const QHash<QString, QString> &keywords : pythonCallKeywords(*source, QStringLiteral("configure"))) {
        if (keywords.value(QStringLiteral("transaction_per_migration")) == QLatin1String("True"))
            transactions.perMigration = true;
    }
    return transactions;
}

} // namespace Retort
