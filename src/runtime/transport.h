// Transport: how records travel from source connectors to sink connectors inside a worker.
// InProcessTopics (embedded mode) hands them over in memory; KafkaTransport produces them to
// Kafka and feeds sinks from consumer groups. The worker loop is the same for both.
//
// Thread-safety: driven by the worker's loop thread only.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "runtime/commit_tracker.h"
#include "runtime/sink_runner.h"
#include "runtime/source_runner.h"
#include "runtime/source_transaction.h"

namespace tributary::runtime {

class Transport : public RecordDestination {
 public:
  // Connects a started sink to its topics; `sink` stays valid until DetachSink.
  virtual Status AttachSink(SinkRunner* sink) = 0;
  // Disconnects a sink before it stops (its uncommitted records go to whoever reads next).
  virtual void DetachSink(SinkRunner* sink) = 0;
  // Moves records that arrived for the sinks into them (SinkRunner::Accept; a record a sink
  // cannot take fails that sink, see SinkRunner::Fail) and serves pending network events;
  // waits at most `max_wait_ms` when idle.
  virtual Status Pump(int max_wait_ms) = 0;
  // After the sinks flushed: persist their durable positions where the transport keeps them
  // (Kafka: the consumer groups' committed offsets).
  virtual Status CommitSinks() = 0;
  // First position of (topic, partition) not yet durable (see CommitTracker).
  virtual int64_t DurableEnd(const std::string& topic, int32_t partition) const = 0;
  // Whether the per-topic sequence counters are part of the committed state (embedded mode,
  // where sequences play the Kafka offsets).
  virtual bool CommitsSequences() const = 0;
  // Waits until everything sent is delivered (or fails); called before stopping.
  virtual Status Drain() = 0;
  // Where a source task's records go: the transport itself, or, in Kafka mode for a connector
  // with producer.override.* / admin.override.* keys (`connector`, already checked against the
  // worker's override policy), a destination with its own producer and admin client, e.g. with
  // the connector's own credentials. Valid until CloseSourceDestination.
  virtual Result<RecordDestination*> OpenSourceDestination(const connect::Config& connector) = 0;
  // Waits until what `destination` sent is delivered, then releases it.
  virtual Status CloseSourceDestination(RecordDestination* destination) = 0;
  // An exactly-once source task's own transactional producer (see SourceTransaction), with the
  // connector's producer.override.* keys; older producers with the same id are fenced before
  // it returns. NotSupported where records do not travel through Kafka.
  virtual Result<std::unique_ptr<SourceTransaction>> OpenSourceTransaction(
      const std::string& transactional_id, const connect::Config& connector) = 0;
};

}  // namespace tributary::runtime
