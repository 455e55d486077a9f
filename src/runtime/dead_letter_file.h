// DeadLetterFile: the embedded mode's dead-letter queue. With errors.tolerance=all and
// errors.deadletterqueue.topic.name set, a record that fails a transform or a converter is
// appended, as one JSON line, to <data.dir>/dead-letter/<topic>.jsonl with the context that
// Kafka Connect puts in its __connect.errors.* headers. The file is fsynced before the
// record's source offset may be committed.
//
// Thread-safety: not thread-safe; one worker loop owns it.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "data/record.h"

namespace tributary::runtime {

// Kafka Connect's __connect.errors.* context for a record that failed, in header order;
// shared by every dead-letter queue (this file, the Kafka topic). A record read by a sink
// (kafka_offset >= 0) also gets __connect.errors.offset. `stage` is Kafka Connect's name of
// the step that failed (KEY_CONVERTER, VALUE_CONVERTER, TRANSFORMATION, ...).
std::vector<std::pair<std::string, std::string>> DeadLetterContext(
    const data::Record& record, const std::string& connector, const Status& error,
    int task_id = 0, const std::string& stage = "VALUE_CONVERTER");

class DeadLetterFile {
 public:
  explicit DeadLetterFile(std::string folder) : folder_(std::move(folder)) {}
  Status Append(const std::string& topic, const std::string& connector,
                const data::Record& record, const Status& error);

 private:
  std::string folder_;
};

}  // namespace tributary::runtime
