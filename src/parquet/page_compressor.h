// PageCompressor: encodes and compresses a file's data pages on other cores while the writer
// goes on shredding rows, so that they overlap (pyarrow's writer does all on one thread).
//
// A job is submitted with two steps: `compress` runs on a thread of a process-wide pool (one
// thread per core but one) or on the submitting thread, and `retire` runs on the submitting
// thread, in submission order. A job is retired exactly when `depth` newer jobs have been
// submitted, or at RetireAll(): so what the writer has retired at any point (and hence its
// memory accounting and row group boundaries) depends only on the rows, never on timing, and
// the file's bytes are the same on every run. While it waits for the oldest job, the
// submitting thread compresses its own jobs that no pool thread has started.
//
// Thread-safety: one PageCompressor is used by one thread (its writer's); jobs of distinct
// compressors run concurrently on the shared pool. Destroying a compressor waits for its
// running jobs and drops the others unretired.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>

#include "common/status.h"

namespace tributary::parquet {

class PageCompressor {
 public:
  explicit PageCompressor(size_t depth);
  ~PageCompressor();
  PageCompressor(const PageCompressor&) = delete;
  PageCompressor& operator=(const PageCompressor&) = delete;

  // Queues `compress`; then, if more than `depth` jobs are unretired, retires the oldest.
  // Jobs start in submission order (whichever thread takes them).
  // Returns the first failure of a retired job (its `compress` status, passed to `retire`).
  Status Submit(std::function<Status()> compress, std::function<Status(Status)> retire);
  // Retires every job submitted so far.
  Status RetireAll();
  // Jobs left unretired after Submit() returns, at most.
  size_t depth() const { return depth_; }

  struct Job;

 private:
  Status RetireOldest();

  size_t depth_;
  std::deque<std::shared_ptr<Job>> unretired_;
};

}  // namespace tributary::parquet
