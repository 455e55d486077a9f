#include "storage/local_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

namespace tributary::storage {
namespace {

constexpr std::string_view kTempMarker = ".trib-tmp-";

Status ErrnoStatus(std::string_view what, const std::filesystem::path& path) {
  return Status::IOError("{} {}: {}", what, path.string(), std::strerror(errno));
}

Status WriteAll(int fd, std::string_view data, const std::filesystem::path& path) {
  while (!data.empty()) {
    ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("cannot write", path);
    }
    data.remove_prefix(static_cast<size_t>(written));
  }
  return Status::OK();
}

Status SyncFolder(const std::filesystem::path& folder) {
  int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("cannot open folder", folder);
  int result = ::fsync(fd);
  ::close(fd);
  if (result != 0) return ErrnoStatus("cannot fsync folder", folder);
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<LocalStore>> LocalStore::Open(const std::filesystem::path& folder,
                                                     const std::string& bucket) {
  if (!folder.is_absolute()) {
    return Status::InvalidArgument(
        "store.url must name an absolute folder (file:///abs/folder), got '{}'", folder.string());
  }
  if (bucket.empty() || bucket.find('/') != std::string::npos || bucket == "." || bucket == "..") {
    return Status::InvalidArgument("s3.bucket.name '{}' is not a valid bucket name", bucket);
  }
  std::error_code error;
  std::filesystem::path root = folder / bucket;
  std::filesystem::create_directories(root, error);
  if (error) {
    return Status::IOError("cannot create folder {}: {}", root.string(), error.message());
  }
  return std::unique_ptr<LocalStore>(new LocalStore(root));
}

std::string LocalStore::Describe() const { return "file://" + root_.string(); }

Result<std::filesystem::path> LocalStore::PathOf(const std::string& key) const {
  if (key.empty() || key.front() == '/' || key.back() == '/') {
    return Status::InvalidArgument("object key '{}' cannot be stored in {}: it is empty or "
                                   "starts or ends with '/'", key, Describe());
  }
  std::stringstream segments(key);
  std::string segment;
  while (std::getline(segments, segment, '/')) {
    if (segment.empty() || segment == "." || segment == ".." ||
        segment.find(kTempMarker) != std::string::npos) {
      return Status::InvalidArgument("object key '{}' has the path segment '{}', which a "
                                     "folder store cannot hold", key, segment);
    }
  }
  return root_ / key;
}

class LocalStore::Upload : public ObjectUpload {
 public:
  Upload(std::filesystem::path path, std::filesystem::path temp, int fd)
      : path_(std::move(path)), temp_(std::move(temp)), fd_(fd) {}
  ~Upload() override { Abort(); }

  Status Append(std::string_view data) override {
    if (fd_ < 0) return Status::Internal("upload of {} is already finished", path_.string());
    size_ += static_cast<int64_t>(data.size());
    return WriteAll(fd_, data, temp_);
  }

  Status Commit(const std::map<std::string, std::string>& /*tags*/) override {
    if (fd_ < 0) return Status::Internal("upload of {} is already finished", path_.string());
    Status status;
    if (::fsync(fd_) != 0) status = ErrnoStatus("cannot fsync", temp_);
    const int fd = std::exchange(fd_, -1);
    if (::close(fd) != 0 && status.ok()) status = ErrnoStatus("cannot close", temp_);
    if (status.ok() && ::rename(temp_.c_str(), path_.c_str()) != 0) {
      status = ErrnoStatus("cannot rename to " + path_.string() + " from", temp_);
    }
    if (!status.ok()) {
      ::unlink(temp_.c_str());
      return status;
    }
    return SyncFolder(path_.parent_path());
  }

  void Abort() override {
    if (fd_ < 0) return;
    ::close(std::exchange(fd_, -1));
    ::unlink(temp_.c_str());
  }

  int64_t size() const override { return size_; }
  int64_t buffered_bytes() const override { return 0; }

 private:
  std::filesystem::path path_;
  std::filesystem::path temp_;
  int fd_;  // -1 once committed or aborted
  int64_t size_ = 0;
};

Result<std::unique_ptr<ObjectUpload>> LocalStore::StartUpload(const std::string& key) {
  TRIB_ASSIGN_OR_RETURN(std::filesystem::path path, PathOf(key));
  std::filesystem::path folder = path.parent_path();
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) {
    return Status::IOError("cannot create folder {}: {}", folder.string(), error.message());
  }
  static std::atomic<uint64_t> counter{0};
  std::filesystem::path temp =
      folder / fmt::format(".{}{}{}-{}", path.filename().string(), kTempMarker, ::getpid(),
                           counter.fetch_add(1));
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoStatus("cannot create", temp);
  return std::unique_ptr<ObjectUpload>(new Upload(std::move(path), std::move(temp), fd));
}

Status LocalStore::Put(const std::string& key, std::string_view data,
                       const std::map<std::string, std::string>& tags) {
  TRIB_ASSIGN_OR_RETURN(auto upload, StartUpload(key));
  TRIB_RETURN_IF_ERROR(upload->Append(data));
  return upload->Commit(tags);
}

Result<std::string> LocalStore::Get(const std::string& key) {
  TRIB_ASSIGN_OR_RETURN(std::filesystem::path path, PathOf(key));
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) {
      return Status::NotFound("object {}/{} does not exist", Describe(), key);
    }
    return ErrnoStatus("cannot open", path);
  }
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return ErrnoStatus("cannot read", path);
  return data;
}

Result<std::vector<ObjectInfo>> LocalStore::List(const std::string& prefix) {
  std::vector<ObjectInfo> objects;
  std::error_code error;
  // Only the folder that holds the prefix's last '/' needs walking.
  std::string folder_part = prefix.substr(0, prefix.rfind('/') == std::string::npos
                                                 ? 0
                                                 : prefix.rfind('/'));
  std::filesystem::path start = folder_part.empty() ? root_ : root_ / folder_part;
  if (!std::filesystem::is_directory(start, error)) return objects;
  std::filesystem::recursive_directory_iterator it(start, error), end;
  if (error) return Status::IOError("cannot list {}: {}", start.string(), error.message());
  for (; it != end; it.increment(error)) {
    if (error) return Status::IOError("cannot list {}: {}", start.string(), error.message());
    if (!it->is_regular_file(error)) continue;
    std::string key = std::filesystem::relative(it->path(), root_, error).generic_string();
    if (key.find(kTempMarker) != std::string::npos || !key.starts_with(prefix)) continue;
    objects.push_back({key, static_cast<int64_t>(it->file_size(error))});
  }
  std::sort(objects.begin(), objects.end(),
            [](const ObjectInfo& a, const ObjectInfo& b) { return a.key < b.key; });
  return objects;
}

Status LocalStore::Delete(const std::string& key) {
  TRIB_ASSIGN_OR_RETURN(std::filesystem::path path, PathOf(key));
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return ErrnoStatus("cannot delete", path);
  return Status::OK();
}

}  // namespace tributary::storage
