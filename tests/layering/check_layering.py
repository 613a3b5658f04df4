#!/usr/bin/python3
"""Fails when a source file includes a header against the pipeline's direction.

The allowed directions are the stage graph declared in engine/CMakeLists.txt (written by CMake
as one "stage:dependency,dependency" line per stage): a stage may include its own headers, those
of the stages it depends on (directly or through them) and the public API (include/regla). The
public API includes only itself, and the `regla` command only the public API and its own files.
A header named without a folder is one of the including file's own folder.

usage: check_layering.py STAGE_GRAPH_FILE SOURCE_DIR
"""
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)


def read_graph(path):
    graph = {}
    for line in pathlib.Path(path).read_text().splitlines():
        if line.strip():
            stage, _, dependencies = line.partition(":")
            graph[stage] = [d for d in dependencies.split(",") if d]
    return graph


def reachable(graph, stage):
    seen, pending = set(), [stage]
    while pending:
        for dependency in graph[pending.pop()]:
            if dependency not in seen:
                seen.add(dependency)
                pending.append(dependency)
    return seen


def included_stage(header):
    """The stage a quoted include names; None for the public API or a header of the same folder;
    "?" for anything else."""
    parts = header.split("/")
    if len(parts) == 1 or parts[0] == "regla":
        return None
    if parts[0] == "dsl":
        return "dsl"
    if parts[0] == "engine" and len(parts) > 2:
        return parts[1]
    return "?"


def sources(folder):
    return sorted(p for p in folder.rglob("*") if p.suffix in (".cpp", ".hpp"))


def main(graph_file, source_dir):
    root = pathlib.Path(source_dir)
    graph = read_graph(graph_file)
    problems = []

    def check(path, allowed, own_prefix=None):
        for header in INCLUDE.findall(path.read_text()):
            stage = included_stage(header)
            own = own_prefix is not None and header.startswith(own_prefix)
            if stage is not None and stage not in allowed and not own:
                problems.append(f"{path.relative_to(root)}: includes \"{header}\", "
                                f"which {path.parent.relative_to(root)} may not depend on")

    for stage in graph:
        folder = root / ("dsl" if stage == "dsl" else f"engine/{stage}")
        if not folder.is_dir():
            problems.append(f"stage {stage} has no folder {folder.relative_to(root)}")
            continue
        for path in sources(folder):
            check(path, reachable(graph, stage) | {stage})
    stage_folders = {p.name for p in (root / "engine").iterdir() if p.is_dir()}
    for missing in sorted(stage_folders - set(graph)):
        problems.append(f"engine/{missing} is not a stage of engine/CMakeLists.txt")
    for path in sources(root / "include"):
        check(path, set())
    for path in sources(root / "tools"):
        check(path, set(), "tools/")

    for problem in problems:
        print(problem)
    print(f"{len(graph)} stages; {len(problems)} includes against the pipeline")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
