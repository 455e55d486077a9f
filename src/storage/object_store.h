// ObjectStore: where sinks put finished files. Implementations: S3Store (S3-compatible
// servers over HTTP with SigV4) and LocalStore (a folder, for store.url=file:///...).
//
// Contract: Put makes the whole object visible atomically under `key` (a reader never sees a
// partial object); putting the same key again replaces it. StartUpload does the same for an
// object written in pieces (ObjectUpload): nothing shows under the key until Commit(). Keys are S3 keys such as
// "topics/t/partition=0/t+0+0000000000.snappy.parquet".
//
// Thread-safety: implementations are safe to call from several threads at once.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace tributary::storage {

struct ObjectInfo {
  std::string key;
  int64_t size = 0;
};

// ObjectUpload: one object written in pieces, so a writer need not hold the whole object in
// memory. Append() may already send data (S3 multipart parts, a temporary file), but the
// object becomes visible under its key only when Commit() succeeds, replacing any object of
// that key. Abort() discards everything sent; destroying an upload that was not committed
// aborts it. A failure with StatusCode::kUnavailable (the store did not answer, or answered
// 5xx or throttled, after the store's own retries) loses nothing: the upload keeps what it
// could not send, and a later Append() (even of no bytes) or Commit() sends it, so a caller
// may retry until the store is back. After any other failure only Abort() is useful.
//
// Thread-safety: one thread at a time.
class ObjectUpload {
 public:
  virtual ~ObjectUpload() = default;
  virtual Status Append(std::string_view data) = 0;
  // `tags` become the object's tags (s3.object.tagging) where the store supports them.
  virtual Status Commit(const std::map<std::string, std::string>& tags = {}) = 0;
  virtual void Abort() = 0;
  // Bytes appended so far.
  virtual int64_t size() const = 0;
  // Bytes appended but still held in memory by the upload (at most about one part).
  virtual int64_t buffered_bytes() const = 0;
};

class ObjectStore {
 public:
  virtual ~ObjectStore() = default;

  // Uploads `data` as `key` (multipart above the store's part size). `tags` become the
  // object's tags (s3.object.tagging) where the store supports them.
  virtual Status Put(const std::string& key, std::string_view data,
                     const std::map<std::string, std::string>& tags = {}) = 0;
  // Begins an object written in pieces. The default holds the pieces in memory and Puts them
  // on Commit(); stores that can stream (S3Store, LocalStore) override it.
  virtual Result<std::unique_ptr<ObjectUpload>> StartUpload(const std::string& key);
  virtual Result<std::string> Get(const std::string& key) = 0;
  // Every key starting with `prefix`, in lexicographic order.
  virtual Result<std::vector<ObjectInfo>> List(const std::string& prefix) = 0;
  virtual Status Delete(const std::string& key) = 0;

  // "s3://bucket" or "file:///folder/bucket", for messages.
  virtual std::string Describe() const = 0;
};

}  // namespace tributary::storage
