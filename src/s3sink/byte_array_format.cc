// ByteArrayFormat: the raw bytes of each value followed by format.bytearray.separator,
// gzip-compressed when s3.compression.type=gzip. Extension format.bytearray.extension (".bin").
// The object streams out in chunks (ChunkedOutput).
#include "s3sink/chunked_output.h"
#include "s3sink/format.h"

namespace tributary::s3sink {

namespace {

class ByteArrayRecordWriter : public RecordWriter {
 public:
  ByteArrayRecordWriter(std::string separator, std::unique_ptr<ChunkedOutput> output)
      : separator_(std::move(separator)), output_(std::move(output)) {}

  Status Write(const data::SchemaPtr&, const data::Value& value) override {
    std::string* buffer = output_->buffer();
    if (value.kind() == data::Value::Kind::kBytes) {
      *buffer += value.as_bytes();
    } else if (value.kind() == data::Value::Kind::kString) {
      *buffer += value.as_string();
    } else {
      return Status::InvalidArgument(
          "ByteArrayFormat writes bytes values (ByteArrayConverter); got {}", value.DebugString());
    }
    *buffer += separator_;
    return output_->EndRecord();
  }
  std::string TakeOutput() override { return output_->TakeOutput(); }
  Result<std::string> Finish() override { return output_->Finish(); }

 private:
  std::string separator_;
  std::unique_ptr<ChunkedOutput> output_;
};

class ByteArrayFormat : public Format {
 public:
  explicit ByteArrayFormat(const S3SinkConfig& c) : config_(c) {}
  std::string extension() const override {
    return config_.bytearray_extension + (config_.gzip ? ".gz" : "");
  }
  Result<std::unique_ptr<RecordWriter>> NewWriter(const data::SchemaPtr&) const override {
    TRIB_ASSIGN_OR_RETURN(auto output, ChunkedOutput::Create(config_.gzip, config_.gzip_level));
    return std::unique_ptr<RecordWriter>(
        new ByteArrayRecordWriter(config_.bytearray_separator, std::move(output)));
  }

 private:
  S3SinkConfig config_;
};

}  // namespace

Result<std::unique_ptr<Format>> NewByteArrayFormat(const S3SinkConfig& config) {
  return std::unique_ptr<Format>(new ByteArrayFormat(config));
}

}  // namespace tributary::s3sink
