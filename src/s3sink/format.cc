#include "s3sink/format.h"

namespace tributary::s3sink {

Status RecordWriter::WriteBatch(const data::SchemaPtr& schema,
                                std::span<const data::Value* const> values, size_t* written) {
  for (*written = 0; *written < values.size(); ++*written)
    TRIB_RETURN_IF_ERROR(Write(schema, *values[*written]));
  return Status::OK();
}

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
