// AvroFormat until the avro module's container file writer lands.
#include "s3sink/format.h"

namespace tributary::s3sink {

Result<std::unique_ptr<Format>> NewAvroFormat(const S3SinkConfig&) {
  return Status::NotSupported("format.class: {} is not available yet; use {}", kAvroFormatClass,
                              kJsonFormatClass);
}

}  // namespace tributary::s3sink
