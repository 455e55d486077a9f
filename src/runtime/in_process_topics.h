// InProcessTopics: the embedded mode's stand-in for Kafka. Each record sent to a topic
// partition gets that partition's next sequence number (its offset) and is handed at once to
// every sink subscribed to the topic. The sequence counters start from the committed ones,
// so replayed records get the offsets they had before a crash.
//
// Thread-safety: not thread-safe; the embedded worker's loop owns it.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "runtime/dead_letter_file.h"
#include "runtime/offset_store.h"
#include "runtime/sink_runner.h"
#include "runtime/source_runner.h"
#include "runtime/transport.h"

namespace tributary::runtime {

class InProcessTopics : public Transport {
 public:
  InProcessTopics(const OffsetStore* committed, DeadLetterFile* dead_letters)
      : committed_(committed), dead_letters_(dead_letters) {}

  Result<TopicSequence> Send(WireRecord record) override;
  Status SendToDeadLetterQueue(const std::string& dlq_topic, const std::string& connector,
                               const data::Record& record, const Status& error) override;
  Status AttachSink(SinkRunner* sink) override;
  void DetachSink(SinkRunner* sink) override;
  Status Pump(int) override { return Status::OK(); }  // Send already delivered everything
  Status CommitSinks() override { return Status::OK(); }
  // First sequence of (topic, partition) not yet durable in every sink consuming it.
  int64_t DurableEnd(const std::string& topic, int32_t partition) const override;
  bool CommitsSequences() const override { return true; }
  Status Drain() override { return Status::OK(); }
  // Client overrides have no client to apply to in process: every source sends here.
  Result<RecordDestination*> OpenSourceDestination(const connect::Config&) override {
    return this;
  }
  Status CloseSourceDestination(RecordDestination*) override { return Status::OK(); }
  Result<std::unique_ptr<SourceTransaction>> OpenSourceTransaction(
      const std::string&, const connect::Config&) override {
    return Status::NotSupported(
        "exactly-once source delivery needs Kafka: run `tributary connect` with "
        "exactly.once.source.support=enabled");
  }

 private:
  // A sink resumes a topic partition at the offset it had made durable before a restart.
  void SetResumeOffset(SinkRunner* sink, const std::string& topic, int32_t partition) const;

  const OffsetStore* committed_;
  std::vector<SinkRunner*> sinks_;
  DeadLetterFile* dead_letters_;
  std::map<std::pair<std::string, int32_t>, int64_t> next_sequence_;
};

}  // namespace tributary::runtime
