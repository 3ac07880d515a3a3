#pragma once
// Start here for app/: the command line. main() only calls run_cli().
//   yhteisaika solve --calendars DIR --attendees a,b [--optional c] [--from T] [--days N]
//                    [--duration MIN] [--strategy hole-first|earliest] [--db PATH]
//   yhteisaika busy  --calendars DIR [--from T] [--days N] [--attendees a,b]
//   yhteisaika serve | token create | feed-url ...   (src/app/commands.hpp)
//   yhteisaika COMMAND --help, yhteisaika --help (-h), yhteisaika --version

#include <chrono>
#include <iosfwd>

namespace yhteisaika::app {

// Runs one command. Answers go to `out`, errors to `err`. Returns the exit code:
// 0 on an answer (also "no slot fits") and on --help/--version, 2 on bad input.
// `now` is the default --from.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
            std::chrono::sys_seconds now);

}  // namespace yhteisaika::app
