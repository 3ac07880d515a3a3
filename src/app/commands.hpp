#pragma once
// The service's commands (serve, token create, feed-url); run_cli() dispatches here.

#include <chrono>
#include <iosfwd>
#include <string>
#include <vector>

namespace yhteisaika::app {

// `args` are the words after the command name. Exit codes as run_cli().
int run_serve(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_token(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, std::chrono::sys_seconds now);
int run_feed_url(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                 std::chrono::sys_seconds now);

// The embedded OpenAPI document (docs/openapi.json), generated at build time.
extern const char* const kOpenApiJson;

}  // namespace yhteisaika::app
