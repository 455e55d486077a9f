#include "runtime/kafka_headers.h"

#include "runtime/dead_letter_file.h"

namespace tributary::runtime {

std::vector<kafka::Header> ToKafkaHeaders(const std::vector<data::Header>& headers) {
  std::vector<kafka::Header> out;
  out.reserve(headers.size());
  for (const auto& h : headers) {
    if (h.value.is_null()) {
      out.push_back({h.key, std::nullopt});
    } else if (h.value.kind() == data::Value::Kind::kString) {
      out.push_back({h.key, h.value.as_string()});
    } else {
      out.push_back({h.key, h.value.DebugString()});
    }
  }
  return out;
}

std::vector<data::Header> FromKafkaHeaders(const std::vector<kafka::Header>& headers) {
  std::vector<data::Header> out;
  out.reserve(headers.size());
  for (const auto& h : headers) {
    out.push_back({h.key, data::OptionalStringSchema(),
                   h.value ? data::Value::String(*h.value) : data::Value()});
  }
  return out;
}

SourceDeadLetter MakeSourceDeadLetter(const std::string& connector, const data::Record& record,
                                      const Status& error) {
  SourceDeadLetter letter{record.key.DebugString(), record.value.DebugString(), {}};
  for (auto& [key, value] : DeadLetterContext(record, connector, error))
    letter.headers.push_back({std::move(key), std::move(value)});
  return letter;
}

}  // namespace tributary::runtime
