// HistoryLog: an ordered, append-only log of text entries that a source task keeps about its
// own past and reads back when it starts again (the MySQL source's schema history: the table
// definitions as of each binlog position). Two kinds exist: a local file (FileHistoryLog, for
// embedded and standalone workers) and, in Kafka mode, a one-partition Kafka topic that
// outlives the worker (the runtime opens it through TaskContext::open_shared_history), so a
// task that moves to another machine finds its history there.
//
// Thread-safety: one thread at a time.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"

namespace tributary::connect {

class HistoryLog {
 public:
  virtual ~HistoryLog() = default;
  // Every entry appended so far, by this instance or any earlier one, oldest first.
  virtual Result<std::vector<std::string>> ReadAll() = 0;
  // Appends `entries` in order (none may contain a newline). They are durable when OK is
  // returned, so a caller may then commit anything that depends on them.
  virtual Status Append(const std::vector<std::string>& entries) = 0;
  // Where the log lives, for messages: "file '/x/y'", "Kafka topic 'z'".
  virtual std::string Describe() const = 0;
};

// Opens (creating when missing) the shared history log `name` (a Kafka topic name), or fails
// naming what to fix.
using SharedHistoryLogOpener =
    std::function<Result<std::unique_ptr<HistoryLog>>(const std::string& name)>;

}  // namespace tributary::connect
