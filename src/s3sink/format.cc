#include "s3sink/format.h"

namespace tributary::s3sink {

Result<std::unique_ptr<Format>> NewFormat(FormatKind kind, const S3SinkConfig& config) {
  switch (kind) {
    case FormatKind::kJson: return NewJsonFormat(config);
    case FormatKind::kByteArray: return NewByteArrayFormat(config);
    case FormatKind::kAvro: return NewAvroFormat(config);
    case FormatKind::kParquet: return NewParquetFormat(config);
  }
  return Status::Internal("unknown format kind");
}

}  // namespace tributary::s3sink
