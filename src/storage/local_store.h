// LocalStore: an ObjectStore in a folder, for store.url=file:///absolute/folder. Object `key`
// of bucket `bucket` is the file <folder>/<bucket>/<key>, so the layout matches what the same
// connector would write to S3.
//
// Put writes a temporary file beside the target, fsyncs it, renames it over the target and
// fsyncs the folder: readers see the old object or the new one, never a partial one, also after
// a crash. StartUpload() does the same in pieces: they go straight to the temporary file,
// which Commit() fsyncs and renames (Abort() deletes it). Temporary files
// (".<name>.trib-tmp-*") never show up in List. Tags are ignored.
//
// Thread-safety: safe to call from several threads at once.
#pragma once

#include <filesystem>
#include <string>

#include "storage/object_store.h"

namespace tributary::storage {

class LocalStore : public ObjectStore {
 public:
  // `folder` must be absolute; it and the bucket folder are created when missing.
  static Result<std::unique_ptr<LocalStore>> Open(const std::filesystem::path& folder,
                                                  const std::string& bucket);

  Status Put(const std::string& key, std::string_view data,
             const std::map<std::string, std::string>& tags = {}) override;
  Result<std::unique_ptr<ObjectUpload>> StartUpload(const std::string& key) override;
  Result<std::string> Get(const std::string& key) override;
  Result<std::vector<ObjectInfo>> List(const std::string& prefix) override;
  Status Delete(const std::string& key) override;
  std::string Describe() const override;

 private:
  class Upload;
  explicit LocalStore(std::filesystem::path root) : root_(std::move(root)) {}
  Result<std::filesystem::path> PathOf(const std::string& key) const;

  std::filesystem::path root_;  // <folder>/<bucket>
};

}  // namespace tributary::storage
