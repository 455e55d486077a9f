// Converting record headers between the Connect data model and Kafka messages, and the
// message a source's dead letter becomes in a Kafka topic; shared by everything that produces
// to or consumes from Kafka in the runtime.
#pragma once

#include <vector>

#include "data/record.h"
#include "kafka/message.h"

namespace tributary::runtime {

// Strings as they are; other values in their debug text; null stays null.
std::vector<kafka::Header> ToKafkaHeaders(const std::vector<data::Header>& headers);
std::vector<data::Header> FromKafkaHeaders(const std::vector<kafka::Header>& headers);

// A source record that failed a transform or converter, as its dead-letter message: key and
// value in debug text (they could not be converted), Kafka Connect's context headers.
struct SourceDeadLetter {
  std::string key;
  std::string value;
  std::vector<kafka::Header> headers;
};
SourceDeadLetter MakeSourceDeadLetter(const std::string& connector, const data::Record& record,
                                      const Status& error);

}  // namespace tributary::runtime
