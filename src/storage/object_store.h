// ObjectStore: where sinks put finished files. Implementations: S3Store (S3-compatible
// servers over HTTP with SigV4) and LocalStore (a folder, for store.url=file:///...).
//
// Contract: Put makes the whole object visible atomically under `key` (a reader never sees a
// partial object); putting the same key again replaces it. Keys are S3 keys such as
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

class ObjectStore {
 public:
  virtual ~ObjectStore() = default;

  // Uploads `data` as `key` (multipart above the store's part size). `tags` become the
  // object's tags (s3.object.tagging) where the store supports them.
  virtual Status Put(const std::string& key, std::string_view data,
                     const std::map<std::string, std::string>& tags = {}) = 0;
  virtual Result<std::string> Get(const std::string& key) = 0;
  // Every key starting with `prefix`, in lexicographic order.
  virtual Result<std::vector<ObjectInfo>> List(const std::string& prefix) = 0;
  virtual Status Delete(const std::string& key) = 0;

  // "s3://bucket" or "file:///folder/bucket", for messages.
  virtual std::string Describe() const = 0;
};

}  // namespace tributary::storage
