#!/usr/bin/env python3
"""Alembic as the reference for Retort's tests.

Retort's revision graph, targets and plans must agree with Alembic's. This
helper asks the real Alembic (python3-alembic) and prints what it answers,
as JSON, so that the C++ tests can compare. Nothing here re-implements
Alembic: every answer comes from Alembic's own ScriptDirectory, RevisionMap,
MigrationStep and HeadMaintainer.

    alembic_reference.py run < SPEC.json > ANSWERS.json
    alembic_reference.py cli -c alembic.ini history --verbose

`run` reads a spec {"projects": [...]}; each project has
  "config": path of its alembic.ini,
  "generate": {"seed": N, "revisions": N}   (optional: make a random project
        there first, through alembic's own `init` and `revision` commands),
  "queries": [...]                          (optional: explicit queries),
  "random_queries": {"seed": N}             (optional: draw queries),
  "native_copy": DIR                        (optional: write the project in
        Retort's native format there, same revisions, same file order).
A query is {"kind": "upgrade"|"downgrade", "rows": [...], "target": T},
{"kind": "history", "base": B, "head": H}, {"kind": "revisions", "target": T}
or {"kind": "current", "rows": [...]}. Each answer is {"ok": true, ...} or
{"ok": false, "error": CODE, "message": TEXT}, CODE naming the exception.

Some things in Alembic depend on Python's string hashing, which changes from
run to run: the order of a revision's normalized dependencies (a set turned
into a tuple) and the order of the sets it prints (branch labels, a branch
point's children). They are pinned here: dependencies keep their declared
order, printed sets and children are sorted, which is what Retort does.
"""

import io
import json
import os
import random
import sys
import warnings
from contextlib import redirect_stdout

from alembic import command, util
from alembic.config import Config
from alembic.runtime.migration import HeadMaintainer, MigrationContext, MigrationStep
from alembic.script import ScriptDirectory
from alembic.script import revision as revision_module
from sqlalchemy import create_engine

_original_normalize = revision_module.RevisionMap._normalize_depends_on


def _normalize_in_declared_order(self, revisions, map_):
    _original_normalize(self, revisions, map_)
    for rev in revisions:
        kept = set(rev._normalized_resolved_dependencies)
        ordered = []
        for dep in rev._resolved_dependencies:
            if dep in kept and dep not in ordered:
                ordered.append(dep)
        rev._normalized_resolved_dependencies = tuple(ordered)


revision_module.RevisionMap._normalize_depends_on = _normalize_in_declared_order

_original_format_as_comma = util.format_as_comma


def _format_sets_sorted(value):
    if isinstance(value, (set, frozenset)):
        value = sorted(value)
    return _original_format_as_comma(value)


util.format_as_comma = _format_sets_sorted


class _SortedFrozenSet(frozenset):
    """A revision's children, iterated in sorted order (`alembic branches`
    walks them directly)."""

    def __iter__(self):
        return iter(sorted(frozenset.__iter__(self)))

    def union(self, *others):
        return _SortedFrozenSet(frozenset.union(self, *others))


revision_module.Revision.nextrev = _SortedFrozenSet()
revision_module.Revision._all_nextrev = _SortedFrozenSet()


def error_code(exc):
    if isinstance(exc, revision_module.MultipleHeads):
        return "multiple-heads"
    if isinstance(exc, revision_module.RangeNotAncestorError):
        return "range-not-ancestor"
    if isinstance(exc, revision_module.ResolutionError):
        return "resolution"
    if isinstance(exc, revision_module.RevisionError):
        return "revision"
    return "crash"  # Alembic itself fails (AssertionError, KeyError...)


def failure(exc):
    return {"ok": False, "error": error_code(exc), "message": "%s: %s" % (type(exc).__name__, exc)}


class Reference:
    def __init__(self, config_path):
        # Alembic resolves a relative script_location against the working
        # folder; users run it next to their alembic.ini.
        os.chdir(os.path.dirname(os.path.abspath(config_path)))
        self.config = Config(config_path)
        self.config.stdout = io.StringIO()
        self.script = ScriptDirectory.from_config(self.config)
        self.map = self.script.revision_map
        self.engine = create_engine("sqlite://")

    def scripts(self):
        """The revisions in load order (file order), as Alembic's map keeps
        them; labels and the None keys come after or are skipped."""
        return [
            rev for key, rev in self.map._revision_map.items() if isinstance(key, str) and rev.revision == key
        ]

    def graph(self):
        revisions = []
        for rev in self.scripts():
            revisions.append(
                {
                    "revision": rev.revision,
                    "path": rev.path,
                    "down_revisions": list(rev._versioned_down_revisions),
                    "depends_on": list(revision_module.util.to_tuple(rev.dependencies, default=())),
                    "branch_labels": sorted(rev._orig_branch_labels),
                    "branch_names": sorted(rev.branch_labels),
                    "normalized_down_revisions": list(rev._normalized_down_revisions),
                    "is_head": rev.is_head,
                    "is_real_head": rev._is_real_head,
                    "is_base": rev.is_base,
                    "is_real_base": rev._is_real_base,
                    "is_branch_point": rev.is_branch_point,
                    "is_real_branch_point": rev._is_real_branch_point,
                    "is_merge_point": rev.is_merge_point,
                    "doc": rev.doc,
                    "longdoc": rev.longdoc,
                }
            )
        return {
            "revisions": revisions,
            "heads": list(self.map.heads),
            "real_heads": list(self.map._real_heads),
            "bases": list(self.map.bases),
            "real_bases": list(self.map._real_bases),
            "history": [s.revision for s in self.script.walk_revisions()],
        }

    def plan(self, kind, rows, target):
        rows = tuple(rows)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                if kind == "upgrade":
                    revs = list(self.map.iterate_revisions(target, rows, implicit_base=True))
                    steps = [MigrationStep.upgrade_from_script(self.map, s) for s in reversed(revs)]
                else:
                    revs = list(self.map.iterate_revisions(rows, target, select_for_downgrade=True))
                    steps = [MigrationStep.downgrade_from_script(self.map, s) for s in revs]
            except Exception as exc:  # noqa: BLE001 - every failure is an answer
                result = failure(exc)
            else:
                result = None
        if any("downgrade -1 from multiple heads is ambiguous" in str(w.message) for w in caught):
            # Retort refuses this (Alembic warns, then picks one head).
            return {"ok": False, "error": "ambiguous-relative-downgrade", "message": "Alembic warns and picks one"}
        if result:
            return result
        answer = {"ok": True, "steps": []}
        # Alembic's own HeadMaintainer, on a real version table.
        with self.engine.connect() as connection:
            context = MigrationContext.configure(connection)
            context._ensure_version_table(purge=True)
            maintainer = HeadMaintainer(context, ())
            for row in rows:
                maintainer._insert_version(row)
            for step in steps:
                try:
                    maintainer.update_to_step(step)
                except Exception as exc:  # noqa: BLE001
                    return failure(exc)
                answer["steps"].append(
                    {
                        "revision": step.revision.revision,
                        "direction": "upgrade" if step.is_upgrade else "downgrade",
                        "rows": sorted(context.get_current_heads()),
                    }
                )
            connection.rollback()
        return answer

    def history(self, base, head):
        try:
            order = [s.revision for s in self.script.walk_revisions(base=base or "base", head=head or "heads")]
        except Exception as exc:  # noqa: BLE001
            cause = exc.__cause__ if isinstance(exc, util.CommandError) and exc.__cause__ else exc
            return failure(cause)
        return {"ok": True, "revisions": order}

    def revisions(self, target):
        try:
            found = self.map.get_revisions(target)
        except Exception as exc:  # noqa: BLE001
            return failure(exc)
        return {"ok": True, "revisions": [r.revision if hasattr(r, "revision") else r for r in found]}

    def current(self, rows):
        try:
            found = self.map._get_all_current(tuple(rows))
        except Exception as exc:  # noqa: BLE001
            return failure(exc)
        return {"ok": True, "revisions": sorted(r.revision for r in found)}

    def answer(self, query):
        kind = query["kind"]
        if kind in ("upgrade", "downgrade"):
            return self.plan(kind, query["rows"], query["target"])
        if kind == "history":
            return self.history(query.get("base"), query.get("head"))
        if kind == "revisions":
            return self.revisions(query["target"])
        if kind == "current":
            return self.current(query["rows"])
        raise ValueError("unknown query kind %r" % kind)

    def write_native_copy(self, directory):
        versions = os.path.join(directory, "versions")
        os.makedirs(versions, exist_ok=True)
        for number, script in enumerate(self.scripts()):
            stem = os.path.splitext(os.path.basename(script.path))[0]
            deps = revision_module.util.to_tuple(script.dependencies, default=())
            lines = [
                "-- revision: %s" % script.revision,
                "-- down_revision: %s" % ", ".join(script._versioned_down_revisions),
            ]
            if script._orig_branch_labels:
                lines.append("-- branch_labels: %s" % ", ".join(script._orig_branch_labels))
            if deps:
                lines.append("-- depends_on: %s" % ", ".join(deps))
            lines.append("-- message: %s" % (script.doc.splitlines()[0] if script.doc else ""))
            lines += ["", "-- migrate:upgrade", "SELECT 1;", "", "-- migrate:downgrade", "SELECT 1;", ""]
            # A number first keeps Alembic's load order (version locations,
            # subfolders) in Retort's file-name order.
            with open(os.path.join(versions, "%05d_%s.sql" % (number, stem)), "w") as out:
                out.write("\n".join(lines))


# ---------------------------------------------------------------------------
# Random projects, made with Alembic's own commands


def make_config(path):
    config = Config(path)
    config.stdout = io.StringIO()
    return config


def generate_project(config_path, seed, count):
    """A random revision DAG: several bases, branch points, merges (also of
    revisions that are not heads), branch labels and depends_on on revisions
    and on labels, ids sharing prefixes."""
    rng = random.Random(seed)
    directory = os.path.dirname(os.path.abspath(config_path))
    config = make_config(config_path)
    with redirect_stdout(io.StringIO()):
        command.init(config, os.path.join(directory, "migrations"))
    ids, labels = [], []
    for n in range(count):
        if ids and rng.random() < 0.25:
            # share a prefix with an earlier id, so that prefixes can be ambiguous
            rid = rng.choice(ids)[: rng.randint(4, 6)] + "%06x" % rng.getrandbits(24)
        else:
            rid = "%012x" % rng.getrandbits(48)
        if rid in ids or rid in labels:
            continue
        roll = rng.random()
        if not ids or roll < 0.08:
            head = "base"
        elif roll < 0.25 and len(ids) > 1:
            head = rng.sample(ids[-12:], rng.choice([2, 2, 3]) if len(ids) > 2 else 2)
        else:
            head = ids[-1 - min(len(ids) - 1, int(abs(rng.gauss(0, 3))))]
        label = None
        if rng.random() < 0.12:
            label = "%s%d" % (rng.choice(["billing", "bill", "docs", "audit"]), n)
        depends = None
        if ids and rng.random() < 0.15:
            depends = rng.choice(ids + labels) if labels and rng.random() < 0.4 else rng.choice(ids)
            if rng.random() < 0.2:
                depends = [depends, rng.choice(ids)]
        with redirect_stdout(io.StringIO()):
            command.revision(
                config,
                message="revision %d of %d" % (n, count),
                rev_id=rid,
                head=head,
                splice=True,
                branch_label=label,
                depends_on=depends,
            )
        ids.append(rid)
        if label:
            labels.append(label)


def random_queries(reference, seed):
    rng = random.Random(seed)
    graph = reference.graph()
    ids = [r["revision"] for r in graph["revisions"]]
    labels = sorted({label for r in graph["revisions"] for label in r["branch_labels"]})
    targets = ["heads", "head", "base", "-1", "-2", "+1", "+2", "zzzz9", "abc"]
    targets += rng.sample(ids, min(6, len(ids)))
    targets += [i[:4] for i in rng.sample(ids, min(4, len(ids)))]
    if ids:
        targets += ["%s+1" % rng.choice(ids), "%s-1" % rng.choice(ids), "%s+2" % rng.choice(ids)]
    for label in rng.sample(labels, min(3, len(labels))):
        targets += [label, label + "@head", label + "@base", label + "@+1", label + "@-1", label[:4]]
    states = [[]]
    for target in rng.sample(ids, min(4, len(ids))) + ["heads"]:
        answer = reference.plan("upgrade", (), target)
        if answer["ok"] and answer["steps"]:
            states.append(answer["steps"][-1]["rows"])
    # some arbitrary sets of revisions of which none is below another
    for _ in range(2):
        picked = rng.sample(ids, min(3, len(ids)))
        antichain = []
        for candidate in picked:
            related = False
            for other in antichain:
                a = reference.map.get_revision(candidate)
                b = reference.map.get_revision(other)
                if reference.map._shares_lineage(a, [b], include_dependencies=True):
                    related = True
            if not related:
                antichain.append(candidate)
        states.append(sorted(antichain))
    queries = []
    for rows in states:
        for target in targets:
            queries.append({"kind": "upgrade", "rows": rows, "target": target})
            queries.append({"kind": "downgrade", "rows": rows, "target": target})
        queries.append({"kind": "current", "rows": rows})
    ends = ["", "base", "heads"] + rng.sample(ids, min(4, len(ids))) + [l + "@head" for l in labels[:2]]
    for _ in range(12):
        queries.append({"kind": "history", "base": rng.choice(ends), "head": rng.choice(ends)})
    for target in targets:
        queries.append({"kind": "revisions", "target": target})
    return queries


def run(spec):
    answers = []
    for project in spec["projects"]:
        config_path = project["config"]
        if "generate" in project:
            generate_project(config_path, project["generate"]["seed"], project["generate"]["revisions"])
        reference = Reference(config_path)
        queries = list(project.get("queries", []))
        if "random_queries" in project:
            queries += random_queries(reference, project["random_queries"]["seed"])
        if project.get("native_copy"):
            reference.write_native_copy(project["native_copy"])
        answers.append(
            {
                "config": config_path,
                "graph": reference.graph(),
                "queries": queries,
                "answers": [reference.answer(q) for q in queries],
            }
        )
    return {"projects": answers}


def main(argv):
    if len(argv) >= 2 and argv[1] == "run":
        json.dump(run(json.load(sys.stdin)), sys.stdout, indent=1)
        sys.stdout.write("\n")
        return 0
    if len(argv) >= 2 and argv[1] == "cli":
        from alembic.config import main as alembic_main

        return alembic_main(argv=argv[2:], prog="alembic")
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv) or 0)
