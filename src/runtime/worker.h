// Worker: runs the tasks this process was given over one Transport. Each Iterate:
//   sources Poll -> transforms -> converters -> transport -> sink converters -> transforms ->
//   Put; sinks report what is durable (PreCommit); the source offsets of records durable
//   everywhere are saved in the SourceOffsetStore and the sources are told (Commit).
// Tasks start and stop between iterations: a distributed worker's share of the work changes,
// and the REST API pauses, restarts and deletes connectors.
//
// A task that fails (poll, conversion, transform, put or flush returns an error while
// errors.tolerance=none) is stopped and reported through TakeFailures(); the other tasks go
// on. Errors of the worker itself (the transport cannot deliver, offsets cannot be saved) end
// Iterate with an error, and offsets never move past what is not durable.
//
// Exactly-once sources (SourceConnector::transactions.transactional): each such task sends
// through its own SourceTransaction instead of the transport's shared producer; its records
// and their source offsets commit together at the transaction boundary (every poll, or every
// transaction.boundary.interval.ms), and a failure aborts the transaction and fails the task.
// The task's transactional.id is <group.id>-<connector>-<task>; starting the task fences
// whatever older instance still runs with it, then reads the offsets committed so far.
//
// Embedded mode (an InProcessTopics transport) has no Kafka to keep what a failed sink did
// not take: after a failure there, nothing more is committed, and the caller must stop the
// worker (as standalone does); a restart replays from the last commit.
//
// Thread-safety: one thread drives a Worker; CollectTaskMetrics (GET /metrics) may be called
// from any thread and sees the counters as of the last Iterate.
#pragma once

#include <chrono>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/status.h"
#include "connect/config.h"
#include "connect/plugins.h"
#include "connectrest/prometheus_metrics.h"
#include "runtime/commit_tracker.h"
#include "runtime/offset_store.h"
#include "runtime/sink_runner.h"
#include "runtime/source_offset_store.h"
#include "runtime/source_runner.h"
#include "runtime/transport.h"
#include "runtime/worker_config.h"

namespace tributary::runtime {

struct TaskFailure {
  std::string connector;
  int task_id = 0;
  Status error;
};

class Worker : public connectrest::MetricsSource {
 public:
  // Nothing is owned; all must outlive the worker. `embedded_state` is the embedded mode's
  // offset file (also `offsets`), which additionally keeps the in-process sequence counters
  // and each sink's durable offsets; null with Kafka.
  Worker(const WorkerConfig* config, const connect::PluginRegistry* plugins,
         Transport* transport, SourceOffsetStore* offsets, OffsetStore* embedded_state);
  ~Worker();  // stops every task

  // Builds task `task_id` of the connector `config` describes and starts it: a source from
  // its committed offsets, a sink attached to the transport. Errors name the connector and
  // the key at fault.
  Status StartTask(const connect::Config& config, int task_id);
  // Stops the task if it runs here; records it sent stay tracked and commit when durable.
  void StopTask(const std::string& connector, int task_id);
  bool Runs(const std::string& connector, int task_id) const;

  // One round of the loop above; *any tells whether a source returned records. Waits at most
  // `max_wait_ms` for records when idle.
  Status Iterate(int max_wait_ms, bool* any);
  // Delivers what is in flight and commits what became durable; before stopping.
  Status DrainAndCommit();
  std::vector<TaskFailure> TakeFailures();
  // Embedded mode after a task failed (see above): nothing more is committed and the caller
  // must stop the worker.
  bool must_stop() const { return no_more_commits_; }

  std::vector<connectrest::TaskMetrics> CollectTaskMetrics() override;

 private:
  struct TransactionalSource {
    std::unique_ptr<SourceTransaction> transaction;
    CommitTracker sent;  // what the open transaction holds, with its source offsets
    std::chrono::steady_clock::time_point began;
  };

  Status Commit();
  void CollectFailures();
  void PublishMetrics();
  Status PollTransactional(SourceRunner& runner, TransactionalSource& t, int max_wait_ms,
                           bool* got);
  Status CommitTransaction(SourceRunner& runner, TransactionalSource& t);
  // Commits the source's open transaction (if any) before it stops; aborts it on failure.
  void FinishTransaction(SourceRunner& runner);
  void RecordSourceCommit(std::chrono::steady_clock::time_point started);
  // Releases the source's destination (see Transport::OpenSourceDestination).
  void CloseDestination(const SourceRunner& runner);

  const WorkerConfig* config_;
  const connect::PluginRegistry* plugins_;
  Transport* transport_;
  SourceOffsetStore* offsets_;
  OffsetStore* embedded_state_;
  CommitTracker tracker_;
  // Lists keep runners in place: the transport holds pointers to the sinks.
  std::list<SourceRunner> sources_;
  std::list<SinkRunner> sinks_;
  std::map<const SourceRunner*, TransactionalSource> transactions_;
  // Where each source that is not exactly-once sends (Transport::OpenSourceDestination).
  std::map<const SourceRunner*, RecordDestination*> destinations_;
  std::vector<TaskFailure> failures_;
  bool no_more_commits_ = false;
  std::mutex metrics_mutex_;
  std::vector<connectrest::TaskMetrics> metrics_;  // guarded by metrics_mutex_
  uint64_t source_commits_ = 0;
  double source_commit_ms_sum_ = 0;
  double source_commit_ms_max_ = 0;
};

}  // namespace tributary::runtime
