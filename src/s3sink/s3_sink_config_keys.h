// The configuration keys of io.confluent.connect.s3.S3SinkConnector: the keys Tributary reads
// (S3SinkConfigKeys(), with their defaults and valid values) plus every other key Confluent's
// S3 sink documents (accepted, each doc saying Tributary does not act on it) and the
// pass-through families (s3.credentials.provider.).
#pragma once

#include "connect/config_def.h"

namespace tributary::s3sink {

connect::ConfigDef S3SinkConfigDef();

}  // namespace tributary::s3sink
