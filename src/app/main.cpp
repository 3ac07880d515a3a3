#include <yhteisaika/app/cli.hpp>

#include <chrono>
#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  try {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return yhteisaika::app::run_cli(argc, argv, std::cout, std::cerr, now);
  } catch (const std::exception& e) {
    std::cerr << "yhteisaika: internal error: " << e.what() << "\n";
    return 70;
  }
}
