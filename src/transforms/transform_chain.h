// TransformChain: a connector's single-message transforms, built from its config as Kafka
// Connect does and applied in order to each record.
//
//   transforms=unwrap,route
//   transforms.unwrap.type=io.debezium.transforms.ExtractNewRecordState
//   transforms.unwrap.drop.tombstones=false          (the transform's own keys)
//   transforms.route.type=org.apache.kafka.connect.transforms.RegexRouter
//   transforms.route.predicate=isMovies              (optional)
//   transforms.route.negate=false                    (optional; needs a predicate)
//   predicates=isMovies
//   predicates.isMovies.type=org.apache.kafka.connect.transforms.predicates.TopicNameMatches
//   predicates.isMovies.pattern=db1\..*
//
// Each transform receives the keys under "transforms.<alias>." with the prefix removed and
// without predicate/negate; each predicate those under "predicates.<alias>.". A stage with a
// predicate runs only on records for which the predicate (negated if negate=true) holds.
//
// Thread-safety: a chain belongs to one task thread.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "connect/config.h"
#include "connect/plugins.h"
#include "data/record.h"

namespace tributary::transforms {

class TransformChain {
 public:
  // Builds and configures every transform and predicate. Errors name the connector key at
  // fault (e.g. "transforms.unwrap.type", "transforms.unwrap.delete.handling.mode",
  // "transforms.route.predicate") and, for enum keys, the allowed values.
  static Result<TransformChain> Create(const connect::Config& connector_config,
                                       const connect::PluginRegistry& registry);

  // Runs one record through the chain; *keep is false when a transform dropped it. An error
  // is annotated with the failing stage, e.g. "transform 'unwrap' (io.debezium...)".
  Status Apply(data::Record& record, bool* keep);

  // Decides what happens to a record whose transform failed: return OK to skip the record
  // and continue (errors.tolerance=all; the handler may send it to a dead-letter queue), or
  // an error to stop. `record` is as the failing stage saw it.
  using ErrorHandler = std::function<Status(const data::Record& record, const Status& error)>;

  // Applies the chain to every record of `batch` in order and removes the dropped (and
  // tolerated failed) ones, keeping the order of the rest. Without a handler the first
  // error is returned; the batch then holds the records up to and including the failed one.
  // *dropped (optional) counts records removed by transforms, not failures.
  Status Apply(data::RecordBatch& batch, const ErrorHandler& on_error = {},
               size_t* dropped = nullptr);

  bool empty() const { return stages_.empty(); }
  size_t size() const { return stages_.size(); }
  // The aliases of the transforms, in order.
  std::vector<std::string> aliases() const;

 private:
  struct Stage {
    std::string alias;
    std::string class_name;
    std::unique_ptr<connect::Transformation> transform;
    std::shared_ptr<connect::Predicate> predicate;  // shared by stages naming the same alias
    bool negate = false;
  };
  std::vector<Stage> stages_;
};

}  // namespace tributary::transforms
