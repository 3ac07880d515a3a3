#!/usr/bin/env python3
"""The module graph as a test: what the pure core may include and link, and
what http/ may see of the store.

    check_architecture.py includes <root>
    check_architecture.py links <root> (--dot FILE | --cmake CMAKE [--cxx-compiler CXX])

Both exit 1 naming every broken rule with the chain that breaks it, 0 when the
rules hold, 2 when they could not be checked.

The pure modules are time, calendar, solve, report, privacy, mail, config and
cases: values in, values out (docs/architecture.md). Each is include/yhteisaika/<m>/
plus src/<m>/ and the CMake target yhteisaika_<m>; a module that does not exist
yet is skipped.

`includes` reads the #include lines of every file of a module and follows the
project's own headers transitively: <yhteisaika/...> from include/, "x.hpp" from
the including file's folder, then its module's src/ folder (the targets'
PRIVATE include directory), then include/. Headers outside the project are
judged by name and not followed. Rules:
  1. No pure module reaches Asio or Beast (boost/asio, boost/beast), SQLite
     (sqlite3.h, SQLiteCpp/) or curl (curl/), directly or through a project
     header it includes.
  2. http/ (src/http/, include/yhteisaika/http/) sees the store only through its
     public interface: include/yhteisaika/store/store.hpp (the Store contract and
     its values) and include/yhteisaika/store/errc.hpp (store's error codes, which
     http/errors.cpp maps to statuses). Not src/store/ (SQL, tables, migrations),
     not the backends' headers (sqlite_store.hpp, memory_store.hpp: the service
     and app choose the backend) nor store's helpers (sha256.hpp), and no SQLite
     (sqlite3.h, SQLiteCpp/) -- again directly or through any project header.

`links` reads CMake's own target graph (`cmake --graphviz`, from a scratch
configure of <root> with tests and benchmarks off, or a given .dot file) and
follows every link edge, public, private and interface alike (a static
library's private dependencies are linked into whatever uses it). Rules:
  3. No pure module's target reaches yhteisaika_asio (the Asio/Beast target),
     SQLite or SQLiteCpp, or curl -- directly or through another target (linking
     yhteisaika_store, _sources, _mailbox or _http would bring them).
  4. A module whose own files include Asio or Beast links yhteisaika_asio itself,
     so that the target graph says which modules use them.
  5. No module target links Boost::headers directly: a module takes Boost's
     headers through yhteisaika_base (Boost.System's result<T>, all the pure
     modules use) or yhteisaika_asio (Asio and Beast). Boost is one package with
     one include directory, so no target can hide Asio's headers from a module
     that links Boost at all; what a module may use is therefore what it says it
     links (rules 3-5) and what it actually includes (rule 1). Boost's compiled
     libraries (Boost::json, Boost::program_options) are separate targets and
     not affected.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections import deque

PURE_MODULES = ("time", "calendar", "solve", "report", "privacy", "mail", "config", "cases")

# What a pure module may not include: (what it is, pattern over the include's name).
IO_HEADERS = (
    ("Asio", re.compile(r"^boost/asio(?:/|\.hpp$)")),
    ("Beast", re.compile(r"^boost/beast(?:/|\.hpp$)")),
    ("SQLite", re.compile(r"^sqlite3\.h$")),
    ("SQLiteCpp", re.compile(r"^SQLiteCpp/")),
    ("curl", re.compile(r"^curl/")),
)
SQL_HEADERS = tuple(h for h in IO_HEADERS if h[0] in ("SQLite", "SQLiteCpp"))
ASIO_HEADERS = tuple(h for h in IO_HEADERS if h[0] in ("Asio", "Beast"))

# The store's public interface as http/ may see it (rule 2).
STORE_INTERFACE = ("include/yhteisaika/store/store.hpp", "include/yhteisaika/store/errc.hpp",
                   "include/yhteisaika/store/meeting.hpp")

# What a pure module's target may not reach (rule 3): (what it is, pattern over a target's name).
IO_TARGETS = (
    ("Asio/Beast", re.compile(r"^yhteisaika_asio$")),
    ("SQLite", re.compile(r"sqlite", re.I)),
    ("curl", re.compile(r"curl", re.I)),
)
ASIO_TARGET = "yhteisaika_asio"
BOOST_HEADERS_TARGET = "Boost::headers"
TARGETS_THAT_HOLD_BOOST_HEADERS = ("yhteisaika_base", ASIO_TARGET)

SOURCE_SUFFIXES = (".cpp", ".hpp", ".h", ".cc", ".ipp", ".cpp.in")
INCLUDE_LINE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


# --- includes -----------------------------------------------------------------

class IncludeGraph:
    """The project's files and what each includes: a project file (a path
    relative to the root) or an outside header (its name in <...>)."""

    def __init__(self, root):
        self.root = root
        self._edges = {}

    def module_files(self, module):
        """Every source file of `module`: include/yhteisaika/<m>/ and src/<m>/."""
        files = []
        for folder in (f"include/yhteisaika/{module}", f"src/{module}"):
            for path, dirs, names in os.walk(os.path.join(self.root, folder)):
                dirs.sort()
                for name in sorted(names):
                    if name.endswith(SOURCE_SUFFIXES):
                        files.append(os.path.relpath(os.path.join(path, name), self.root))
        return files

    def includes(self, file):
        """[(is_project_file, target)] of `file`'s #include lines, in order."""
        if file not in self._edges:
            with open(os.path.join(self.root, file), encoding="utf-8", errors="replace") as f:
                text = f.read()
            self._edges[file] = [self._resolve(file, kind, name) for kind, name in INCLUDE_LINE.findall(text)]
        return self._edges[file]

    def _resolve(self, includer, kind, name):
        candidates = []
        if kind == '"':
            candidates.append(os.path.join(os.path.dirname(includer), name))
            parts = includer.split(os.sep)
            if parts[0] == "src" and len(parts) > 2:
                candidates.append(os.path.join("src", parts[1], name))
        candidates.append(os.path.join("include", name))
        for candidate in candidates:
            candidate = os.path.normpath(candidate)
            if os.path.isfile(os.path.join(self.root, candidate)):
                return True, candidate
        return False, name

    def walk(self, start):
        """Yields (is_project_file, target, chain) for everything `start` reaches,
        each once, the chain being the shortest path of files to it."""
        seen = {start}
        queue = deque([(start, [start])])
        while queue:
            file, chain = queue.popleft()
            for is_project, target in self.includes(file):
                key = (is_project, target)
                if key in seen:
                    continue
                seen.add(key)
                yield is_project, target, chain + [target if is_project else f"<{target}>"]
                if is_project:
                    queue.append((target, chain + [target]))


def matching(name, patterns):
    for what, pattern in patterns:
        if pattern.search(name):
            return what
    return None


def check_includes(root):
    graph = IncludeGraph(root)
    # One problem per offending #include line (the file that has it and what it
    # names), shown with the shortest chain from a module's file to it.
    found = {}

    def note(key, message, chain):
        if key not in found or len(chain) < len(found[key][1]):
            found[key] = (message, chain)

    checked = 0
    for module in PURE_MODULES:
        for file in graph.module_files(module):
            checked += 1
            for is_project, target, chain in graph.walk(file):
                what = None if is_project else matching(target, IO_HEADERS)
                if what:
                    note((module, chain[-2], target), f"pure module {module} includes {what}", chain)
    for file in graph.module_files("http"):
        checked += 1
        for is_project, target, chain in graph.walk(file):
            if is_project:
                internal = target.startswith("src/store/") or (
                    target.startswith("include/yhteisaika/store/") and target not in STORE_INTERFACE)
                if internal:
                    note(("http", chain[-2], target), f"http/ includes store internals ({target}; only "
                         f"{' and '.join(STORE_INTERFACE)} are public to http/)", chain)
            else:
                what = matching(target, SQL_HEADERS)
                if what:
                    note(("http", chain[-2], target), f"http/ includes {what} (SQL stays in store/)", chain)
    problems = [f"{message}: {' -> '.join(chain)}" for message, chain in found.values()]
    return sorted(problems), f"{checked} files of the pure modules and http/"


# --- links ----------------------------------------------------------------------

DOT_NODE = re.compile(r'^\s*"(node\d+)"\s*\[\s*label\s*=\s*"([^"]*)"', re.M)
DOT_EDGE = re.compile(r'^\s*"(node\d+)"\s*->\s*"(node\d+)"', re.M)


def read_dot(text):
    """{target: [targets it links]} from CMake's graphviz output."""
    labels = dict(DOT_NODE.findall(text))
    links = {label: [] for label in labels.values()}
    for source, target in DOT_EDGE.findall(text):
        if source in labels and target in labels:
            links[labels[source]].append(labels[target])
    return links


def configured_graph(root, cmake, cxx_compiler):
    with tempfile.TemporaryDirectory(prefix="yhteisaika-graph-") as build:
        # One graph file, not one per target and its dependers.
        with open(os.path.join(build, "CMakeGraphVizOptions.cmake"), "w") as f:
            f.write("set(GRAPHVIZ_GENERATE_PER_TARGET FALSE)\nset(GRAPHVIZ_GENERATE_DEPENDERS FALSE)\n")
        dot = os.path.join(build, "targets.dot")
        command = [cmake, "-S", root, "-B", build, f"--graphviz={dot}",
                   "-DYHTEISAIKA_TESTS=OFF", "-DYHTEISAIKA_BENCH=OFF"]
        if cxx_compiler:
            command.append(f"-DCMAKE_CXX_COMPILER={cxx_compiler}")
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode != 0 or not os.path.isfile(dot):
            raise RuntimeError(f"{' '.join(command)} failed:\n{run.stdout}{run.stderr}")
        with open(dot, encoding="utf-8") as f:
            return read_dot(f.read())


def path_to(links, start, wanted):
    """The shortest chain of link edges from `start` to a target `wanted` accepts."""
    parent = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node != start and wanted(node):
            chain = [node]
            while parent[chain[-1]] is not None:
                chain.append(parent[chain[-1]])
            return chain[::-1]
        for target in links.get(node, []):
            if target not in parent:
                parent[target] = node
                queue.append(target)
    return None


def modules_including(root, patterns):
    """The modules (folders of src/ or include/yhteisaika/) whose own files include
    one of `patterns` directly."""
    graph = IncludeGraph(root)
    modules = set()
    for top in ("src", "include/yhteisaika"):
        folder = os.path.join(root, top)
        if not os.path.isdir(folder):
            continue
        for module in sorted(os.listdir(folder)):
            if not os.path.isdir(os.path.join(folder, module)):
                continue
            for file in graph.module_files(module):
                if any(not p and matching(t, patterns) for p, t in graph.includes(file)):
                    modules.add(module)
    return modules


def check_links(root, links):
    problems = []
    pure_targets = [f"yhteisaika_{m}" for m in PURE_MODULES if f"yhteisaika_{m}" in links]
    if not pure_targets:
        raise RuntimeError("the target graph has none of the pure modules' targets")
    for target in pure_targets:
        for what, pattern in IO_TARGETS:
            chain = path_to(links, target, lambda name, p=pattern: bool(p.search(name)))
            if chain:
                problems.append(f"pure module target {target} links {what}: {' -> '.join(chain)}")
    for module in sorted(modules_including(root, ASIO_HEADERS)):
        target = f"yhteisaika_{module}"
        if target in links and ASIO_TARGET not in links[target]:
            problems.append(f"{target} includes Asio or Beast but does not link {ASIO_TARGET} "
                            f"(target_link_libraries({target} PUBLIC|PRIVATE {ASIO_TARGET}))")
    for target, linked in sorted(links.items()):
        if (target.startswith("yhteisaika_") and target not in TARGETS_THAT_HOLD_BOOST_HEADERS
                and BOOST_HEADERS_TARGET in linked):
            problems.append(f"{target} links {BOOST_HEADERS_TARGET} directly: link yhteisaika_base "
                            f"(Boost.System's result) or {ASIO_TARGET} (Asio and Beast) instead")
    return problems, f"the link closures of {', '.join(pure_targets)}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("check", choices=("includes", "links"))
    parser.add_argument("root", help="the repository, or a fixture tree shaped like it")
    parser.add_argument("--dot", help="links: read this graphviz file instead of configuring <root>")
    parser.add_argument("--cmake", default="cmake", help="links: the cmake to configure <root> with")
    parser.add_argument("--cxx-compiler", help="links: the C++ compiler for that configure")
    args = parser.parse_args()
    root = os.path.abspath(args.root)
    try:
        if args.check == "includes":
            problems, checked = check_includes(root)
        else:
            if args.dot:
                with open(args.dot, encoding="utf-8") as f:
                    links = read_dot(f.read())
            else:
                links = configured_graph(root, args.cmake, args.cxx_compiler)
            problems, checked = check_links(root, links)
    except (OSError, RuntimeError) as e:
        print(f"check_architecture {args.check}: could not check: {e}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem)
    if problems:
        print(f"check_architecture {args.check}: {len(problems)} broken (the rules: tests/architecture/check_architecture.py)")
        return 1
    print(f"check_architecture {args.check}: the rules hold for {checked}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
