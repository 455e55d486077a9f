// ByteArrayFormat: the raw bytes of each value followed by format.bytearray.separator,
// gzip-compressed when s3.compression.type=gzip. Extension format.bytearray.extension (".bin").
#include "s3sink/format.h"
#include "s3sink/gzip.h"

namespace tributary::s3sink {

namespace {

class ByteArrayRecordWriter : public RecordWriter {
 public:
  ByteArrayRecordWriter(std::string separator, bool gzip, int gzip_level)
      : separator_(std::move(separator)), gzip_(gzip), gzip_level_(gzip_level) {}

  Status Write(const data::SchemaPtr&, const data::Value& value) override {
    if (value.kind() == data::Value::Kind::kBytes) {
      buffer_ += value.as_bytes();
    } else if (value.kind() == data::Value::Kind::kString) {
      buffer_ += value.as_string();
    } else {
      return Status::InvalidArgument(
          "ByteArrayFormat writes bytes values (ByteArrayConverter); got {}", value.DebugString());
    }
    buffer_ += separator_;
    return Status::OK();
  }

  Result<std::string> Finish() override {
    if (gzip_) return GzipCompress(buffer_, gzip_level_);
    return std::move(buffer_);
  }

 private:
  std::string separator_;
  bool gzip_;
  int gzip_level_;
  std::string buffer_;
};

class ByteArrayFormat : public Format {
 public:
  explicit ByteArrayFormat(const S3SinkConfig& c) : config_(c) {}
  std::string extension() const override {
    return config_.bytearray_extension + (config_.gzip ? ".gz" : "");
  }
  Result<std::unique_ptr<RecordWriter>> NewWriter(const data::SchemaPtr&) const override {
    return std::unique_ptr<RecordWriter>(new ByteArrayRecordWriter(
        config_.bytearray_separator, config_.gzip, config_.gzip_level));
  }

 private:
  S3SinkConfig config_;
};

}  // namespace

Result<std::unique_ptr<Format>> NewByteArrayFormat(const S3SinkConfig& config) {
  return std::unique_ptr<Format>(new ByteArrayFormat(config));
}

}  // namespace tributary::s3sink
