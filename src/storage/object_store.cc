#include "storage/object_store.h"

namespace tributary::storage {

namespace {

// Holds the object in memory until Commit() puts it whole: for stores that cannot stream.
class BufferedUpload : public ObjectUpload {
 public:
  BufferedUpload(ObjectStore* store, std::string key) : store_(store), key_(std::move(key)) {}

  Status Append(std::string_view data) override {
    data_.append(data);
    return Status::OK();
  }
  Status Commit(const std::map<std::string, std::string>& tags) override {
    return store_->Put(key_, data_, tags);
  }
  void Abort() override { data_.clear(); }
  int64_t size() const override { return static_cast<int64_t>(data_.size()); }
  int64_t buffered_bytes() const override { return static_cast<int64_t>(data_.size()); }

 private:
  ObjectStore* store_;
  std::string key_;
  std::string data_;
};

}  // namespace

Result<std::unique_ptr<ObjectUpload>> ObjectStore::StartUpload(const std::string& key) {
  return std::unique_ptr<ObjectUpload>(new BufferedUpload(this, key));
}

}  // namespace tributary::storage
