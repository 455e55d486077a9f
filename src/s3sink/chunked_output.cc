#include "s3sink/chunked_output.h"

namespace tributary::s3sink {

Result<std::unique_ptr<ChunkedOutput>> ChunkedOutput::Create(bool gzip, int gzip_level) {
  std::unique_ptr<GzipStream> stream;
  if (gzip) {
    TRIB_ASSIGN_OR_RETURN(stream, GzipStream::Create(gzip_level));
  }
  return std::unique_ptr<ChunkedOutput>(new ChunkedOutput(std::move(stream)));
}

Status ChunkedOutput::EndRecord() {
  return buffer_.size() < kChunkBytes ? Status::OK() : Release();
}

Status ChunkedOutput::Release() {
  if (gzip_ != nullptr) {
    TRIB_RETURN_IF_ERROR(gzip_->Write(buffer_, &output_));
  } else if (output_.empty()) {
    output_.swap(buffer_);
  } else {
    output_.append(buffer_);
  }
  buffer_.clear();
  return Status::OK();
}

std::string ChunkedOutput::TakeOutput() {
  std::string taken;
  taken.swap(output_);
  return taken;
}

Result<std::string> ChunkedOutput::Finish() {
  TRIB_RETURN_IF_ERROR(Release());
  if (gzip_ != nullptr) TRIB_RETURN_IF_ERROR(gzip_->Finish(&output_));
  return TakeOutput();
}

}  // namespace tributary::s3sink
