// FileHistoryLog: a HistoryLog in a local file, one entry per line. Append writes and fsyncs
// before returning. A crash can leave a last line without its newline: Open cuts it off (it
// was never acknowledged), so the next entry starts on a line of its own.
//
// Thread-safety: one thread at a time; one instance per file.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "connect/history_log.h"

namespace tributary::connect {

class FileHistoryLog : public HistoryLog {
 public:
  // Opens `path`, creating it (not its folder) when missing.
  static Result<std::unique_ptr<FileHistoryLog>> Open(std::string path);
  ~FileHistoryLog() override;

  Result<std::vector<std::string>> ReadAll() override;
  Status Append(const std::vector<std::string>& entries) override;
  std::string Describe() const override { return "file '" + path_ + "'"; }

 private:
  explicit FileHistoryLog(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}

  std::string path_;
  int fd_;
};

}  // namespace tributary::connect
