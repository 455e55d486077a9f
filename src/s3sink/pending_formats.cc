// AvroFormat and ParquetFormat until the avro container writer and the parquet writer land.
#include "s3sink/format.h"

namespace tributary::s3sink {

Result<std::unique_ptr<Format>> NewAvroFormat(const S3SinkConfig&) {
  return Status::NotSupported("format.class: {} is not available yet; use {}", kAvroFormatClass,
                              kJsonFormatClass);
}

Result<std::unique_ptr<Format>> NewParquetFormat(const S3SinkConfig&) {
  return Status::NotSupported("format.class: {} is not available yet; use {}",
                              kParquetFormatClass, kJsonFormatClass);
}

}  // namespace tributary::s3sink
