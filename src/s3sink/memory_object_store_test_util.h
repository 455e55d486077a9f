// MemoryObjectStore: an in-memory storage::ObjectStore test double for the sink's unit tests
// (the real S3 server is exercised by the integration tests). Put, Commit and streamed
// Appends can be made to fail, as an unreachable server (Unavailable, retriable: an upload
// keeps its bytes, as S3Store's does) or a refusal for good (IOError). Streamed uploads keep their bytes aside until Commit(), and the store remembers how
// they arrived (appends before the commit, the largest append), so tests can see streaming.
#pragma once

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "storage/object_store.h"

namespace tributary::s3sink {

class MemoryObjectStore : public storage::ObjectStore {
 public:
  Status Put(const std::string& key, std::string_view data,
             const std::map<std::string, std::string>& tags = {}) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (fail_puts_) return InjectedFailure(key);
    objects_[key] = std::string(data);
    tags_[key] = tags;
    ++puts_;
    return Status::OK();
  }
  // What a streamed object's upload saw.
  struct UploadStats {
    int appends = 0;              // non-empty Append() calls
    int64_t largest_append = 0;   // bytes
    int64_t appended = 0;         // bytes so far, committed or not
    bool committed = false;
  };

  Result<std::unique_ptr<storage::ObjectUpload>> StartUpload(const std::string& key) override {
    return std::unique_ptr<storage::ObjectUpload>(new Upload(this, key));
  }
  UploadStats StatsOf(const std::string& key) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = uploads_.find(key);
    return it == uploads_.end() ? UploadStats{} : it->second;
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
  // Puts and commits fail with `code` while set.
  void set_fail_puts(bool fail, StatusCode code = StatusCode::kUnavailable) {
    fail_puts_ = fail;
    failure_code_ = code;
  }
  // Non-empty appends to streamed uploads fail (keeping their bytes) while set.
  void set_fail_appends(bool fail) { fail_appends_ = fail; }
  int puts() const { return puts_; }

 private:
  class Upload : public storage::ObjectUpload {
   public:
    Upload(MemoryObjectStore* store, std::string key) : store_(store), key_(std::move(key)) {
      std::lock_guard<std::mutex> lock(store_->mu_);
      store_->uploads_[key_] = UploadStats{};
    }
    Status Append(std::string_view data) override {
      if (data.empty()) return Status::OK();
      data_.append(data);
      if (store_->fail_appends_) return store_->InjectedFailure(key_);
      std::lock_guard<std::mutex> lock(store_->mu_);
      UploadStats& stats = store_->uploads_[key_];
      ++stats.appends;
      stats.largest_append = std::max<int64_t>(stats.largest_append, static_cast<int64_t>(data.size()));
      stats.appended += static_cast<int64_t>(data.size());
      return Status::OK();
    }
    Status Commit(const std::map<std::string, std::string>& tags) override {
      TRIB_RETURN_IF_ERROR(store_->Put(key_, data_, tags));
      std::lock_guard<std::mutex> lock(store_->mu_);
      store_->uploads_[key_].committed = true;
      return Status::OK();
    }
    void Abort() override { data_.clear(); }
    int64_t size() const override { return static_cast<int64_t>(data_.size()); }
    int64_t buffered_bytes() const override { return static_cast<int64_t>(data_.size()); }

   private:
    MemoryObjectStore* store_;
    std::string key_;
    std::string data_;
  };

  Status InjectedFailure(const std::string& key) const {
    return Status(failure_code_, "injected failure for " + key);
  }

  mutable std::mutex mu_;
  std::map<std::string, UploadStats> uploads_;
  std::map<std::string, std::string> objects_;
  std::map<std::string, std::map<std::string, std::string>> tags_;
  bool fail_puts_ = false;
  bool fail_appends_ = false;
  StatusCode failure_code_ = StatusCode::kUnavailable;
  int puts_ = 0;
};

}  // namespace tributary::s3sink
