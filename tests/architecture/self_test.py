#!/usr/bin/env python3
"""The architecture checks can fail: each rule of check_architecture.py and
check_size.py is broken once in a small fixture tree (written to a temporary
folder), and the check must name it; the same trees without the break pass.

    self_test.py [--cmake CMAKE] [unittest options]
"""
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
CMAKE = "cmake"


def write_tree(root, files):
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(textwrap.dedent(text).lstrip("\n"))


def run(script, *args):
    done = subprocess.run([sys.executable, os.path.join(HERE, script), *args], capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


# A tree shaped like the repository, that keeps every rule.
GOOD_SOURCES = {
    "include/yhteisaika/error.hpp": "#pragma once\n#include <boost/system/result.hpp>\n",
    "include/yhteisaika/time/zone.hpp": "#pragma once\n#include <yhteisaika/error.hpp>\n#include <chrono>\n",
    "src/time/zone.cpp": '#include <yhteisaika/time/zone.hpp>\n#include "zone_rules.hpp"\n',
    "src/time/zone_rules.hpp": "#pragma once\n// Not #include <boost/asio.hpp>: a comment is not an include.\n",
    "include/yhteisaika/solve/solver.hpp": "#pragma once\n#include <yhteisaika/time/zone.hpp>\n",
    "src/solve/solver.cpp": "#include <yhteisaika/solve/solver.hpp>\n",
    "include/yhteisaika/store/errc.hpp": "#pragma once\n#include <system_error>\n",
    "include/yhteisaika/store/store.hpp": '#pragma once\n#include "errc.hpp"\n#include <yhteisaika/time/zone.hpp>\n',
    "include/yhteisaika/store/sqlite_store.hpp": "#pragma once\n#include <yhteisaika/store/store.hpp>\n",
    "src/store/tables.hpp": "#pragma once\n#include <SQLiteCpp/Database.h>\n",
    "src/store/sqlite_store.cpp": '#include <yhteisaika/store/sqlite_store.hpp>\n#include "tables.hpp"\n#include <sqlite3.h>\n',
    "include/yhteisaika/service/service.hpp": "#pragma once\n#include <yhteisaika/store/store.hpp>\n",
    "src/sources/fetch.cpp": "#include <boost/asio/io_context.hpp>\n#include <boost/beast/http.hpp>\n",
    "include/yhteisaika/http/routes.hpp": "#pragma once\n#include <boost/beast/http/verb.hpp>\n#include <yhteisaika/store/store.hpp>\n",
    "src/http/api.cpp": '#include <yhteisaika/http/routes.hpp>\n#include <yhteisaika/service/service.hpp>\n#include "handlers/meetings.hpp"\n',
    "src/http/handlers/meetings.hpp": '#pragma once\n#include "../responses.hpp"\n#include <yhteisaika/store/errc.hpp>\n',
    "src/http/responses.hpp": "#pragma once\n#include <boost/json/fwd.hpp>\n",
}


class IncludeRules(unittest.TestCase):
    def check(self, changes):
        with tempfile.TemporaryDirectory() as root:
            write_tree(root, {**GOOD_SOURCES, **changes})
            return run("check_architecture.py", "includes", root)

    def test_a_tree_that_keeps_the_rules_passes(self):
        code, output = self.check({})
        self.assertEqual(code, 0, output)

    def test_a_pure_module_reaching_asio_through_another_modules_header_fails(self):
        code, output = self.check({
            "include/yhteisaika/sources/poll.hpp": '#pragma once\n#include "poll_timer.hpp"\n',
            "include/yhteisaika/sources/poll_timer.hpp": "#pragma once\n#include <boost/asio/steady_timer.hpp>\n",
            "include/yhteisaika/solve/solver.hpp": "#pragma once\n#include <yhteisaika/sources/poll.hpp>\n",
        })
        self.assertEqual(code, 1, output)
        # Once per offending #include, by the shortest chain from the module's files.
        self.assertEqual(output.count("pure module"), 1, output)
        self.assertIn("pure module solve includes Asio: include/yhteisaika/solve/solver.hpp"
                      " -> include/yhteisaika/sources/poll.hpp -> include/yhteisaika/sources/poll_timer.hpp"
                      " -> <boost/asio/steady_timer.hpp>", output)

    def test_a_pure_module_reaching_sqlitecpp_through_its_own_private_header_fails(self):
        code, output = self.check({
            # "db.hpp" from src/report/csv/ is src/report/db.hpp (the module's private include directory)
            "src/report/csv/export.cpp": '#include "db.hpp"\n',
            "src/report/db.hpp": "#pragma once\n#include <SQLiteCpp/Database.h>\n",
            "src/report/rows.cpp": '#include "db.hpp"\n',
        })
        self.assertEqual(code, 1, output)
        self.assertEqual(output.count("pure module"), 1, output)
        self.assertIn("pure module report includes SQLiteCpp: src/report/db.hpp -> <SQLiteCpp/Database.h>", output)

    def test_each_io_library_in_each_pure_module_fails(self):
        cases = {
            "src/mail/send.cpp": ("#include <curl/curl.h>\n", "pure module mail includes curl"),
            "src/calendar/fetch.cpp": ("#include <boost/beast/http.hpp>\n", "pure module calendar includes Beast"),
            "src/cases/stages.cpp": ("#include <sqlite3.h>\n", "pure module cases includes SQLite"),
            "include/yhteisaika/config/io.hpp": ("#include <boost/asio.hpp>\n", "pure module config includes Asio"),
            "src/privacy/log.cpp": ('#include "../store/tables.hpp"\n', "pure module privacy includes SQLiteCpp"),
            "src/time/clock.cpp": ('#include <yhteisaika/time/zone.hpp>\n#  include <boost/asio/steady_timer.hpp>\n',
                                   "pure module time includes Asio"),
        }
        for path, (text, message) in cases.items():
            with self.subTest(path=path):
                code, output = self.check({path: text})
                self.assertEqual(code, 1, output)
                self.assertIn(message, output)

    def test_http_including_store_internals_fails(self):
        cases = {
            # src/store/ by a relative path
            "src/http/handlers/meetings.hpp": ('#pragma once\n#include "../../store/tables.hpp"\n',
                                               "http/ includes store internals (src/store/tables.hpp"),
            # a backend's header, through another module's header
            "include/yhteisaika/service/service.hpp": ("#pragma once\n#include <yhteisaika/store/sqlite_store.hpp>\n",
                                                       "src/http/api.cpp -> include/yhteisaika/service/service.hpp"
                                                       " -> include/yhteisaika/store/sqlite_store.hpp"),
            # SQLite itself, in a public http header
            "include/yhteisaika/http/routes.hpp": ("#pragma once\n#include <SQLiteCpp/Statement.h>\n",
                                                   "http/ includes SQLiteCpp (SQL stays in store/)"),
        }
        for path, (text, message) in cases.items():
            with self.subTest(path=path):
                code, output = self.check({path: text})
                self.assertEqual(code, 1, output)
                self.assertIn(message, output)


# A CMake project with the repository's target names (INTERFACE libraries, so
# that it configures without a compiler); FIXTURE_BREAK names the rule to break.
FIXTURE_CMAKE = """
cmake_minimum_required(VERSION 3.25)
project(fixture LANGUAGES NONE)
add_library(Boost::headers INTERFACE IMPORTED)
add_library(SQLiteCpp INTERFACE IMPORTED)
add_library(PkgConfig::CURL INTERFACE IMPORTED)
add_library(yhteisaika_base INTERFACE)
target_link_libraries(yhteisaika_base INTERFACE Boost::headers)
add_library(yhteisaika_asio INTERFACE)
target_link_libraries(yhteisaika_asio INTERFACE Boost::headers)
foreach(m time solve report mail calendar config store sources mailbox http)
  add_library(yhteisaika_${m} INTERFACE)
endforeach()
target_link_libraries(yhteisaika_time INTERFACE yhteisaika_base)
target_link_libraries(yhteisaika_solve INTERFACE yhteisaika_time)
target_link_libraries(yhteisaika_report INTERFACE yhteisaika_time)
target_link_libraries(yhteisaika_mail INTERFACE yhteisaika_time)
target_link_libraries(yhteisaika_calendar INTERFACE yhteisaika_time)
target_link_libraries(yhteisaika_config INTERFACE yhteisaika_solve yhteisaika_report)
target_link_libraries(yhteisaika_store INTERFACE yhteisaika_time SQLiteCpp)
target_link_libraries(yhteisaika_mailbox INTERFACE yhteisaika_base PkgConfig::CURL)
target_link_libraries(yhteisaika_http INTERFACE yhteisaika_asio yhteisaika_store)
if(FIXTURE_BREAK STREQUAL "sources_undeclared_asio")
  target_link_libraries(yhteisaika_sources INTERFACE yhteisaika_calendar Boost::headers)
else()
  target_link_libraries(yhteisaika_sources INTERFACE yhteisaika_calendar yhteisaika_asio)
endif()
if(FIXTURE_BREAK STREQUAL "report_links_store")
  target_link_libraries(yhteisaika_report INTERFACE yhteisaika_store)
elseif(FIXTURE_BREAK STREQUAL "calendar_links_asio")
  target_link_libraries(yhteisaika_calendar INTERFACE yhteisaika_asio)
elseif(FIXTURE_BREAK STREQUAL "mail_links_curl")
  target_link_libraries(yhteisaika_mail INTERFACE yhteisaika_mailbox)
elseif(FIXTURE_BREAK STREQUAL "solve_links_sources")
  target_link_libraries(yhteisaika_solve INTERFACE yhteisaika_sources)
endif()
"""


class LinkRules(unittest.TestCase):
    def check(self, broken_rule=None):
        with tempfile.TemporaryDirectory() as root:
            cmake_lists = FIXTURE_CMAKE
            if broken_rule:
                cmake_lists = f'set(FIXTURE_BREAK "{broken_rule}")\n' + cmake_lists.lstrip("\n")
                cmake_lists = cmake_lists.replace("cmake_minimum_required(VERSION 3.25)\n", "", 1)
                cmake_lists = "cmake_minimum_required(VERSION 3.25)\n" + cmake_lists
            write_tree(root, {**GOOD_SOURCES, "CMakeLists.txt": cmake_lists})
            return run("check_architecture.py", "links", root, "--cmake", CMAKE)

    def test_a_graph_that_keeps_the_rules_passes(self):
        code, output = self.check()
        self.assertEqual(code, 0, output)

    def test_a_pure_target_linking_the_store_reaches_sqlitecpp(self):
        code, output = self.check("report_links_store")
        self.assertEqual(code, 1, output)
        self.assertIn("pure module target yhteisaika_report links SQLite: yhteisaika_report -> yhteisaika_store"
                      " -> SQLiteCpp", output)
        # config links report: it breaks the rule too, through report.
        self.assertIn("pure module target yhteisaika_config links SQLite: yhteisaika_config -> yhteisaika_report"
                      " -> yhteisaika_store -> SQLiteCpp", output)

    def test_a_pure_target_linking_asio_fails(self):
        code, output = self.check("calendar_links_asio")
        self.assertEqual(code, 1, output)
        self.assertIn("pure module target yhteisaika_calendar links Asio/Beast: yhteisaika_calendar -> yhteisaika_asio",
                      output)

    def test_a_pure_target_linking_curl_through_mailbox_fails(self):
        code, output = self.check("mail_links_curl")
        self.assertEqual(code, 1, output)
        self.assertIn("pure module target yhteisaika_mail links curl: yhteisaika_mail -> yhteisaika_mailbox"
                      " -> PkgConfig::CURL", output)

    def test_a_pure_target_linking_an_asio_bearing_module_fails(self):
        code, output = self.check("solve_links_sources")
        self.assertEqual(code, 1, output)
        self.assertIn("pure module target yhteisaika_solve links Asio/Beast: yhteisaika_solve -> yhteisaika_sources"
                      " -> yhteisaika_asio", output)

    def test_a_module_using_asio_without_saying_so_fails(self):
        code, output = self.check("sources_undeclared_asio")
        self.assertEqual(code, 1, output)
        self.assertIn("yhteisaika_sources includes Asio or Beast but does not link yhteisaika_asio", output)
        self.assertIn("yhteisaika_sources links Boost::headers directly", output)


def function_lines(name, body_lines, signature="void {name}() {{"):
    """A function whose signature, body and closing brace take 2 + body_lines lines."""
    body = "".join(f"  step({k});\n" for k in range(body_lines))
    return signature.format(name=name) + "\n" + body + "}\n"


class SizeRules(unittest.TestCase):
    def check(self, files):
        with tempfile.TemporaryDirectory() as root:
            write_tree(root, files)
            return run("check_size.py", root)

    # Braces the check must not take for code: in comments, strings, raw strings,
    # characters and preprocessor lines; and the shapes a function opens with.
    TRICKY = """
        // A comment with an opening brace {
        /* and a block comment } { */
        #define OPEN {
        namespace yhteisaika::sample {
        namespace {
        const char* const kBraces = "}{";
        const char kOpen = '{';
        constexpr auto kRaw = R"json({"a": {"b": [}]})json";
        constexpr int kThousand = 1'000;
        constexpr auto kMask = 0xff'ff'ff;
        constexpr char16_t kWide = u'{';
        constexpr char kNarrow = u8'}';
        struct Sample {
          int a_;
          std::vector<int> b_;
          Sample(int a) : a_(a), b_{a, a} {
            step(a);
          }
          int value() const noexcept { return a_; }
        };
        const std::map<std::string, int (*)(int)> kTable = {
            {"one", [](int x) { return x + 1; }},
            {"two", [](int x) {
               return x + 2;
             }},
        };
        }  // namespace
        template <class Read>
        auto read_body(Read&& read) -> Result<decltype(read(std::declval<int&>()))> {
          return read(1);
        }
        template <class T>
        void constrained(T value) requires std::integral<T> {
          step(value);
        }
        }  // namespace yhteisaika::sample
        """

    def test_files_and_functions_within_the_limits_pass(self):
        code, output = self.check({
            "src/time/sample.cpp": textwrap.dedent(self.TRICKY).lstrip("\n") + function_lines("eighty_lines", 78),
            "src/time/six_hundred.txt": "x\n" * 600,
        })
        self.assertEqual(code, 0, output)
        self.assertIn("its 7 functions within 80", output)

    def test_a_file_over_600_lines_fails(self):
        code, output = self.check({"src/http/dashboard/app.js": "x\n" * 601})
        self.assertEqual(code, 1, output)
        self.assertIn("src/http/dashboard/app.js: 601 lines, over 600", output)

    def test_a_function_over_80_lines_fails(self):
        tricky = textwrap.dedent(self.TRICKY).lstrip("\n")  # 36 lines, no function over the limit
        code, output = self.check({"src/time/sample.cpp": tricky + function_lines("eighty_one_lines", 79)})
        self.assertEqual(code, 1, output)
        self.assertIn("src/time/sample.cpp:37-117: function eighty_one_lines is 81 lines, over 80", output)

    def test_a_lambda_counts_as_part_of_its_function(self):
        lambda_body = "".join(f"    step({k});\n" for k in range(76))
        text = "void outer() {\n  auto each = [&](int k) {\n" + lambda_body + "  };\n  each(1);\n}\n"
        code, output = self.check({"src/solve/outer.cpp": text})
        self.assertEqual(code, 1, output)
        self.assertIn("src/solve/outer.cpp:1-81: function outer is 81 lines", output)

    def test_a_long_member_function_with_a_constructor_list_and_trailing_return_fails(self):
        text = ("class Walker {\n public:\n  Walker(int a) : a_{a} {}\n"
                + function_lines("walk", 79, signature="  auto {name}(int from) const -> std::vector<int> {{")
                + "  int a_;\n};\n")
        code, output = self.check({"src/solve/walker.hpp": text})
        self.assertEqual(code, 1, output)
        self.assertIn("src/solve/walker.hpp:4-84: function walk is 81 lines", output)
        self.assertNotIn("Walker", output)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--cmake":
        CMAKE = sys.argv[2]
        del sys.argv[1:3]
    unittest.main(verbosity=2)
