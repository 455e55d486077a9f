#include "connect/file_history_log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace tributary::connect {

Result<std::unique_ptr<FileHistoryLog>> FileHistoryLog::Open(std::string path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Status::IOError("cannot open the history file '{}': {}", path, std::strerror(errno));
  }
  std::unique_ptr<FileHistoryLog> log(new FileHistoryLog(std::move(path), fd));
  // Cut a torn last line (a crash in the middle of an append that never returned).
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    return Status::IOError("cannot stat '{}': {}", log->path_, std::strerror(errno));
  }
  off_t end = st.st_size;
  char c = '\n';
  while (end > 0 && ::pread(fd, &c, 1, end - 1) == 1 && c != '\n') --end;
  if (end != st.st_size && (::ftruncate(fd, end) != 0 || ::fsync(fd) != 0)) {
    return Status::IOError("cannot cut the torn last line of '{}': {}", log->path_,
                           std::strerror(errno));
  }
  return log;
}

FileHistoryLog::~FileHistoryLog() { ::close(fd_); }

Result<std::vector<std::string>> FileHistoryLog::ReadAll() {
  std::ifstream in(path_);
  if (!in) return Status::IOError("cannot read the history file '{}'", path_);
  std::vector<std::string> entries;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) entries.push_back(std::move(line));
  }
  return entries;
}

Status FileHistoryLog::Append(const std::vector<std::string>& entries) {
  std::string out;
  for (const auto& entry : entries) {
    if (entry.find('\n') != std::string::npos) {
      return Status::InvalidArgument("a history entry for '{}' contains a newline", path_);
    }
    out += entry;
    out += '\n';
  }
  size_t written = 0;
  while (written < out.size()) {
    ssize_t n = ::write(fd_, out.data() + written, out.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      return Status::IOError("cannot append to the history file '{}': {}", path_,
                             std::strerror(errno));
    }
    written += static_cast<size_t>(n);
  }
  if (::fdatasync(fd_) != 0) {
    return Status::IOError("cannot sync the history file '{}': {}", path_, std::strerror(errno));
  }
  return Status::OK();
}

}  // namespace tributary::connect
