#include <yhteisaika/http/log.hpp>

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <set>
#include <sstream>
#include <thread>
#include <vector>

using namespace yhteisaika;

TEST_CASE("a background logger writes every line whole and in each thread's order", "[http][log]") {
  std::ostringstream out;
  constexpr int kThreads = 4, kLines = 500;
  {
    http::Logger logger(out, http::LogLevel::info, http::LogWriting::background);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&logger, t] {
        for (int i = 0; i < kLines; ++i) logger.info("request", {{"thread", t}, {"n", i}});
      });
    }
    for (auto& th : threads) th.join();
    logger.debug("dropped below the level");
  }  // the destructor writes what is still waiting
  std::istringstream lines(out.str());
  std::string line;
  std::vector<int> next(kThreads, 0);
  int count = 0;
  while (std::getline(lines, line)) {
    const auto v = boost::json::parse(line).as_object();  // throws on a torn line
    const auto t = static_cast<int>(v.at("thread").as_int64());
    CHECK(v.at("n").as_int64() == next[t]++);
    ++count;
  }
  CHECK(count == kThreads * kLines);
}
