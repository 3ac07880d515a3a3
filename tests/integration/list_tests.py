#!/usr/bin/env python3
"""Lists the unittest tests of a test script without importing it (ast only),
one per line, as `Class` (--classes) or `Class.test_method` (--methods): the
names tests/integration/CMakeLists.txt registers one CTest test each for, so
that every class (or test) runs on its own, side by side with the others.
A class counts when it defines test_ methods itself.

    python3 list_tests.py --classes service_test.py
"""
import argparse
import ast
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--classes", action="store_true")
    group.add_argument("--methods", action="store_true")
    ap.add_argument("script")
    args = ap.parse_args()
    with open(args.script, encoding="utf-8") as f:
        tree = ast.parse(f.read(), args.script)
    found = []
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        tests = [f.name for f in node.body if isinstance(f, ast.FunctionDef) and f.name.startswith("test")]
        if not tests:
            continue
        found += [node.name] if args.classes else ["%s.%s" % (node.name, t) for t in tests]
    if not found:
        sys.exit("%s: no unittest tests found" % args.script)
    print("\n".join(found))


if __name__ == "__main__":
    main()
