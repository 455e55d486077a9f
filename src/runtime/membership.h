// Membership: which of the cluster's work units (connector tasks, numbered in one order on
// every worker) this worker runs. A distributed worker asks Kafka's group membership
// (WorkerGroup); a standalone worker runs everything (SoleMember).
//
// Thread-safety: one thread (the worker's loop) drives it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

#include "common/status.h"

namespace tributary::runtime {

class Membership {
 public:
  virtual ~Membership() = default;
  // Serves the membership protocol; call often.
  virtual Status Poll(std::chrono::milliseconds wait) = 0;
  // Whether work unit `index` is this worker's now.
  virtual bool Owns(size_t index) const = 0;
  // Changes every time the work is dealt out anew (reported with statuses).
  virtual int64_t generation() const = 0;
  // Gives the work up so that others take it at once.
  virtual void Leave() = 0;
};

// The only worker: owns every unit.
class SoleMember : public Membership {
 public:
  Status Poll(std::chrono::milliseconds) override { return Status::OK(); }
  bool Owns(size_t) const override { return true; }
  int64_t generation() const override { return 0; }
  void Leave() override {}
};

}  // namespace tributary::runtime
