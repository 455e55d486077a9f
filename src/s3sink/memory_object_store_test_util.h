// MemoryObjectStore: an in-memory storage::ObjectStore test double for the sink's unit tests
// (the real S3 server is exercised by the integration tests). Put can be made to fail.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "storage/object_store.h"

namespace tributary::s3sink {

class MemoryObjectStore : public storage::ObjectStore {
 public:
  Status Put(const std::string& key, std::string_view data,
             const std::map<std::string, std::string>& tags = {}) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (fail_puts_) return Status::Unavailable("injected failure for {}", key);
    objects_[key] = std::string(data);
    tags_[key] = tags;
    ++puts_;
    return Status::OK();
  }
  Result<std::string> Get(const std::string& key) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = objects_.find(key);
    if (it == objects_.end()) return Status::NotFound("no object {}", key);
    return it->second;
  }
  Result<std::vector<storage::ObjectInfo>> List(const std::string& prefix) override {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<storage::ObjectInfo> out;
    for (const auto& [k, v] : objects_)
      if (k.rfind(prefix, 0) == 0) out.push_back({k, static_cast<int64_t>(v.size())});
    return out;
  }
  Status Delete(const std::string& key) override {
    std::lock_guard<std::mutex> lock(mu_);
    objects_.erase(key);
    return Status::OK();
  }
  std::string Describe() const override { return "memory://test"; }

  std::vector<std::string> Keys() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<std::string> keys;
    for (const auto& [k, v] : objects_) keys.push_back(k);
    return keys;
  }
  std::map<std::string, std::string> TagsOf(const std::string& key) const {
    std::lock_guard<std::mutex> lock(mu_);
    return tags_.at(key);
  }
  void set_fail_puts(bool fail) { fail_puts_ = fail; }
  int puts() const { return puts_; }

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::string> objects_;
  std::map<std::string, std::map<std::string, std::string>> tags_;
  bool fail_puts_ = false;
  int puts_ = 0;
};

}  // namespace tributary::s3sink
