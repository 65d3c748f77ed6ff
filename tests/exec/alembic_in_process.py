"""Alembic's own command line, run inside the calling Python process.

The scripts that make test projects run several Alembic commands (init, then
one `revision` per migration). Each start of Python that imports Alembic
costs about half a second of CPU; run in one process, the project costs one.
"""

import contextlib
import io
import os


def alembic(project, *arguments):
    """`alembic -c PROJECT/alembic.ini ARGUMENTS`, in the project folder."""
    from alembic.config import main as alembic_main

    here = os.getcwd()
    os.chdir(project)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            alembic_main(argv=["-c", os.path.join(project, "alembic.ini")] + list(arguments))
    finally:
        os.chdir(here)
