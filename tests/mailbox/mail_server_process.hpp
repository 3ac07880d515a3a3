#pragma once
// Test support: the servers of tests/integration/mail_servers.py as child
// processes (started with posix_spawn, stopped with SIGTERM by a RAII guard),
// and a temporary folder that removes itself.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace yhteisaika::mailbox::testing {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "yhteisaika-mailbox-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;  // a leftover folder in /tmp must not fail a test
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// posix_spawn of argv, stdout to `stdout_path` (empty: inherited).
inline pid_t spawn(const std::vector<std::string>& args, const std::string& stdout_path = {}) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!stdout_path.empty()) {
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  }
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + args[0]);
  return pid;
}

// Runs mail_servers.py with `args` to its end and returns what it printed.
inline std::string run_mail_servers(const std::vector<std::string>& args, const fs::path& scratch) {
  std::vector<std::string> argv{YHTEISAIKA_PYTHON, YHTEISAIKA_MAIL_SERVERS};
  argv.insert(argv.end(), args.begin(), args.end());
  const fs::path out = scratch / "output.txt";
  const pid_t pid = spawn(argv, out.string());
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("mail_servers.py " + args[0] + " failed");
  return read_file(out);
}

// One server of mail_servers.py ("smtp" or "imap"), running until destroyed.
class MailServer {
 public:
  MailServer(const std::string& kind, const fs::path& dir, const std::vector<std::string>& extra) {
    port_file_ = dir / (kind + ".port");
    fs::remove(port_file_);
    std::vector<std::string> argv{YHTEISAIKA_PYTHON, YHTEISAIKA_MAIL_SERVERS, kind,
                                  "--dir", (dir / kind).string(), "--port-file", port_file_.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    pid_ = spawn(argv);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!fs::exists(port_file_)) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = 0;
        throw std::runtime_error("mail_servers.py " + kind + " exited before it was ready");
      }
      if (std::chrono::steady_clock::now() > deadline) {
        stop();
        throw std::runtime_error("mail_servers.py " + kind + " did not start within 30 s");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    port_ = std::stoi(read_file(port_file_));
  }
  ~MailServer() { stop(); }
  MailServer(const MailServer&) = delete;
  MailServer& operator=(const MailServer&) = delete;

  int port() const { return port_; }

  // SIGTERM, then SIGKILL if it has not ended within 10 s; the port is closed after.
  void stop() {
    if (pid_ == 0) return;
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    int status = 0;
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    pid_ = 0;
  }

 private:
  fs::path port_file_;
  pid_t pid_ = 0;
  int port_ = 0;
};

// A loopback port nobody listens on (bound, never listened on, released again).
inline int unused_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("cannot find a free port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

// A loopback port that accepts connections (the kernel completes the handshake)
// but never says a word: a server that hangs.
class SilentListener {
 public:
  SilentListener() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd_, 8) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::runtime_error("cannot listen on loopback");
    }
    port_ = ntohs(address.sin_port);
  }
  ~SilentListener() { ::close(fd_); }
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;
  int port() const { return port_; }

 private:
  int fd_;
  int port_ = 0;
};

}  // namespace yhteisaika::mailbox::testing
