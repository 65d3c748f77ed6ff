#include "clicontext.h"

#include "project/projectloader.h"

namespace Retort::Cli {

const Project *CliContext::project()
{
    if (m_project)
        return &*m_project;
    Result<Project> loaded = ProjectLoader::load(projectDirectory);
    if (!loaded) {
        fail(loaded.error(), ExitBadInput);
        return nullptr;
    }
    m_project = std::move(*loaded);
    for (const Error &warning : std::as_const(m_project->warnings))
        warn(warning);
    return &*m_project;
}

int CliContext::fail(const Error &error, int code)
{
    m_err << "retort-cli: error: " << error.toString() << Qt::endl;
    return code;
}

int CliContext::fail(const QString &message, int code)
{
    m_err << "retort-cli: error: " << message << Qt::endl;
    return code;
}

void CliContext::warn(const Error &error)
{
    m_err << "retort-cli: warning: " << error.toString() << Qt::endl;
}

void CliContext::printJson(const QJsonDocument &document)
{
    m_out << document.toJson(QJsonDocument::Indented);
    m_out.flush();
}

} // namespace Retort::Cli
