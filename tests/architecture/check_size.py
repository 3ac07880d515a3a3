#!/usr/bin/env python3
"""The size rule: no file in src/ over 600 lines, no function in src/ over 80 lines.

Usage: check_size.py <root> [--max-file-lines N] [--max-function-lines N]
checks <root>/src and exits 1 naming every file and function over its limit.

Files: every file under src/ counts (C++, the dashboard's JS/CSS/HTML, CMake),
by its number of lines.

Functions (C++ files only: .cpp .hpp .h .cc .ipp and .cpp.in): found by matching
braces, not by parsing C++. Comments, string and character literals (raw
strings too) and preprocessor lines are blanked first. Then every `{` that opens
at namespace or class scope is classified by the text before it (since the last
`;`, `{` or `}` of its scope):
  - `namespace`, `class`, `struct`, `union`, `enum`, `extern` at its start: a
    scope, walked into;
  - ending in `)` plus any of const, noexcept(...), override, final, mutable,
    &, &&, then maybe a trailing `-> type` or a `requires` clause; or in a
    constructor's initialiser list (`) : a_(x), b_{y}`): a function body;
  - anything else (`= {`, `Type{...}` in an initialiser list): braces of a
    value, walked into, so that a lambda in a table at namespace scope
    (`{"key", [](Config& c) { ... }}`) is a function of its own.
Everything inside a function body (blocks, lambdas, local classes) is part of
that function. A function's length runs from the first line of its signature to
its closing brace, both included.
"""
import argparse
import os
import re
import sys

CPP_SUFFIXES = (".cpp", ".hpp", ".h", ".cc", ".ipp", ".cpp.in")


def blank_non_code(text):
    """Comments, literals and preprocessor lines become spaces; newlines stay,
    so that offsets still give line numbers."""
    out = []
    i, n = 0, len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if c == "\n":
            out.append(c)
            i += 1
            at_line_start = True
            continue
        if at_line_start and c == "#":
            # A preprocessor line, with its backslash continuations.
            while i < n and text[i] != "\n":
                if text[i] == "\\" and i + 1 < n and text[i + 1] == "\n":
                    out.append(" \n")
                    i += 2
                    continue
                out.append(" ")
                i += 1
            continue
        if not c.isspace():
            at_line_start = False
        if text.startswith("//", i):
            while i < n and text[i] != "\n":
                out.append(" ")
                i += 1
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
            continue
        raw = re.match(r'(?:u8|u|U|L)?R"([^()\\\s]{0,16})\(', text[i:i + 24])
        if raw and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            closing = ")" + raw.group(1) + '"'
            end = text.find(closing, i + raw.end())
            end = n if end < 0 else end + len(closing)
            out.append('""' + re.sub(r"[^\n]", " ", text[i + 2:end]))
            i = end
            continue
        if c == '"' or (c == "'" and not in_number(text, i)):
            # A string or character literal (u8'x' too; a ' inside a number,
            # 1'000, is a digit separator).
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (min(j, n) - i - 1) + c)
            i = j + 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def in_number(text, i):
    """Whether the ' at `i` continues a numeric literal (a digit separator)."""
    token = re.search(r"[\w']*$", text[max(0, i - 64):i]).group(0)
    return bool(token) and token[0].isdigit()


SCOPE_KEYWORD = re.compile(r"^(?:template\s*<.*>\s*)?(?:inline\s+)?(?:namespace|class|struct|union|enum|extern)\b", re.S)
QUALIFIERS = r"(?:\s*(?:const|noexcept\s*(?:\([^()]*\))?|override|final|mutable|&&|&|try))*"
FUNCTION_END = re.compile(r"\)" + QUALIFIERS + r"\s*(?:(?:->|requires\b)[^;{}]*)?$", re.S)
CONSTRUCTOR_INIT = re.compile(r"\)\s*(?:noexcept\s*)?:(?!:).*[)}]\s*$", re.S)
CONTROL = re.compile(r"^(?:if|for|while|switch|catch|do|else)\b")


def functions(text):
    """(name, first line, last line) of every function body in `text`."""
    code = blank_non_code(text)
    found = []
    # The scopes open at namespace or class level: ("scope" | "value", saved header).
    stack = []
    header, header_start = "", None
    i, n = 0, len(code)
    while i < n:
        c = code[i]
        if c == "{":
            h = header.strip()
            if FUNCTION_END.search(h) or CONSTRUCTOR_INIT.search(h):
                if not SCOPE_KEYWORD.match(h) and not CONTROL.match(h):
                    close = matching_brace(code, i)
                    name = function_name(h)
                    first = code.count("\n", 0, header_start) + 1
                    last = code.count("\n", 0, close) + 1
                    found.append((name, first, last))
                    header, header_start = "", None
                    i = close + 1
                    continue
            kind = "scope" if SCOPE_KEYWORD.match(h) else "value"
            stack.append((kind, header, header_start))
            header, header_start = "", None
        elif c == "}":
            if stack:
                kind, saved, saved_start = stack.pop()
                if kind == "value":
                    # The braces were part of a declaration (or of an initialiser
                    # list): what came before them goes on.
                    header, header_start = saved + "{}", saved_start
                else:
                    header, header_start = "", None
        elif c == ";":
            header, header_start = "", None
        else:
            if header_start is None and not c.isspace():
                header_start = i
            if header_start is not None:
                header += c
        i += 1
    return found


def matching_brace(code, open_at):
    depth = 0
    for j in range(open_at, len(code)):
        if code[j] == "{":
            depth += 1
        elif code[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(code) - 1


def function_name(header):
    """The name before the parameter list, e.g. `Expander::add_event` (for messages only)."""
    h = re.sub(r"\[\[.*?\]\]", "", header)
    op = re.search(r"((?:[\w~]+::)*operator\s*(?:\(\s*\)|\[\s*\]|[^\w\s(]+|\s[\w:]+))\s*\(", h)
    if op:
        return re.sub(r"\s+", " ", op.group(1))
    for m in re.finditer(r"([\w:~]+)\s*\(", h):
        before = h[:m.start()].replace("->", "")
        if before.count("<") - before.count(">") == 0 and m.group(1) not in (
                "decltype", "noexcept", "requires", "alignas", "sizeof", "__attribute__"):
            return m.group(1)
    return " ".join(h.split())[:40]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", help="the repository (or a fixture tree) holding src/")
    parser.add_argument("--max-file-lines", type=int, default=600)
    parser.add_argument("--max-function-lines", type=int, default=80)
    parser.add_argument("--list", action="store_true", help="print every function found with its length")
    args = parser.parse_args()
    src = os.path.join(args.root, "src")
    if not os.path.isdir(src):
        print(f"check_size: no src/ in {args.root}", file=sys.stderr)
        return 2
    problems = []
    count = 0
    for folder, dirs, files in os.walk(src):
        dirs.sort()
        for file in sorted(files):
            path = os.path.join(folder, file)
            shown = os.path.relpath(path, args.root)
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
            if lines > args.max_file_lines:
                problems.append(f"{shown}: {lines} lines, over {args.max_file_lines} for a file in src/")
            if not file.endswith(CPP_SUFFIXES):
                continue
            for name, first, last in functions(text):
                count += 1
                length = last - first + 1
                if args.list:
                    print(f"{length:5} {shown}:{first} {name}")
                if length > args.max_function_lines:
                    problems.append(f"{shown}:{first}-{last}: function {name} is {length} lines, "
                                    f"over {args.max_function_lines}")
    for p in problems:
        print(p)
    if problems:
        print(f"check_size: {len(problems)} over the limits (split them: see tests/architecture/check_size.py)")
        return 1
    print(f"check_size: every file in src/ within {args.max_file_lines} lines, "
          f"its {count} functions within {args.max_function_lines}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
