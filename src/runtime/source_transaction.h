// SourceTransaction: where an exactly-once source task sends its records (worker key
// exactly.once.source.support=enabled, Kafka Connect's KIP-618). The task has its own
// transactional producer; a transaction begins with the first record sent, and Commit writes
// the source offsets of the records sent since then to the offset topic through the same
// producer and commits records and offsets atomically. Readers with
// isolation.level=read_committed see either all of it or none of it; after a crash, the next
// instance of the task fences the old producer (Kafka aborts its open transaction) and resumes
// from the offsets the last committed transaction wrote.
//
// Thread-safety: one thread (the worker's loop) drives a transaction.
#pragma once

#include <vector>

#include "common/status.h"
#include "runtime/commit_tracker.h"
#include "runtime/source_runner.h"

namespace tributary::runtime {

class SourceTransaction : public RecordDestination {
 public:
  // Writes `offsets` (the newest per source partition) and commits them with every record
  // sent since the transaction began; begins one first if nothing was sent (a batch that
  // transforms filtered out still moves the offsets).
  virtual Status Commit(const std::vector<CommitTracker::Committable>& offsets) = 0;
  // Drops what was sent since the transaction began; readers of committed data never see it.
  virtual Status Abort() = 0;
  virtual const std::string& transactional_id() const = 0;
};

}  // namespace tributary::runtime
