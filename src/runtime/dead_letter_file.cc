#include "runtime/dead_letter_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace tributary::runtime {

std::vector<std::pair<std::string, std::string>> DeadLetterContext(
    const data::Record& record, const std::string& connector, const Status& error, int task_id,
    const std::string& stage) {
  std::vector<std::pair<std::string, std::string>> context = {
      {"__connect.errors.topic", record.topic},
      {"__connect.errors.partition", std::to_string(record.partition < 0 ? 0 : record.partition)},
  };
  if (record.kafka_offset >= 0)
    context.emplace_back("__connect.errors.offset", std::to_string(record.kafka_offset));
  context.insert(
      context.end(),
      {
          {"__connect.errors.connector.name", connector},
          {"__connect.errors.task.id", std::to_string(task_id)},
          {"__connect.errors.stage", stage},
          {"__connect.errors.exception.class.name",
           error.code() == StatusCode::kIncompatible
               ? "org.apache.kafka.common.errors.SerializationException"
               : "org.apache.kafka.connect.errors.DataException"},
          {"__connect.errors.exception.message", error.message()},
      });
  return context;
}

Status DeadLetterFile::Append(const std::string& topic, const std::string& connector,
                              const data::Record& record, const Status& error) {
  std::error_code ec;
  std::filesystem::create_directories(folder_, ec);
  if (ec) return Status::IOError("cannot create dead-letter folder '{}': {}", folder_, ec.message());
  nlohmann::ordered_json line;
  line["topic"] = record.topic;
  line["key"] = nlohmann::json::parse(record.key.DebugString());
  line["value"] = nlohmann::json::parse(record.value.DebugString());
  nlohmann::ordered_json headers = nlohmann::ordered_json::object();
  for (auto& [key, value] : DeadLetterContext(record, connector, error)) headers[key] = value;
  line["headers"] = std::move(headers);
  line["source_offset"] = record.source_offset;
  std::string text = line.dump() + "\n";
  std::string path = (std::filesystem::path(folder_) / (topic + ".jsonl")).string();
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd < 0) return Status::IOError("cannot open dead-letter file '{}': {}", path, std::strerror(errno));
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            ::fsync(fd) == 0;
  int err = errno;
  ::close(fd);
  if (!ok) return Status::IOError("cannot write dead-letter file '{}': {}", path, std::strerror(err));
  return Status::OK();
}

}  // namespace tributary::runtime
