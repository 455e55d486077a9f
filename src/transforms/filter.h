// Filter: org.apache.kafka.connect.transforms.Filter. Drops every record it is applied to;
// used with a predicate (transforms.x.predicate) to drop the records that match it.
//
// Thread-safety: stateless.
#pragma once

#include "connect/task.h"

namespace tributary::transforms {

class Filter : public connect::Transformation {
 public:
  Status Configure(const connect::Config&) override { return Status::OK(); }
  Status Apply(data::Record&, bool* keep) override {
    *keep = false;
    return Status::OK();
  }
};

}  // namespace tributary::transforms
