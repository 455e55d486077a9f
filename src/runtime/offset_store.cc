#include "runtime/offset_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tributary::runtime {

namespace {
std::string SequenceKey(const std::string& topic, int32_t partition) {
  return topic + "/" + std::to_string(partition);
}
}  // namespace

Status OffsetStore::Load() {
  std::lock_guard lock(mutex_);
  std::ifstream in(path_);
  if (!in) {
    state_ = nlohmann::json::object();
    return Status::OK();
  }
  std::stringstream ss;
  ss << in.rdbuf();
  auto parsed = nlohmann::json::parse(ss.str(), nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object())
    return Status::Corruption(
        "offset file '{}' is not valid JSON; restore it from a backup or delete it to start "
        "over (the connectors will then re-snapshot)",
        path_);
  state_ = std::move(parsed);
  return Status::OK();
}

Status OffsetStore::Save() {
  std::lock_guard lock(mutex_);
  std::filesystem::path target(path_);
  std::error_code ec;
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ec);
  std::string tmp = path_ + ".tmp";
  std::string text = state_.dump();
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return Status::IOError("cannot write offset file '{}': {}", tmp, std::strerror(errno));
  const char* p = text.data();
  size_t left = text.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return Status::IOError("cannot write offset file '{}': {}", tmp, std::strerror(err));
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    int err = errno;
    ::close(fd);
    return Status::IOError("cannot fsync offset file '{}': {}", tmp, std::strerror(err));
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path_.c_str()) != 0)
    return Status::IOError("cannot rename '{}' to '{}': {}", tmp, path_, std::strerror(errno));
  // Make the rename itself durable.
  std::string dir = target.has_parent_path() ? target.parent_path().string() : ".";
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Status::OK();
}

std::map<std::string, nlohmann::json> OffsetStore::SourceOffsets(
    const std::string& connector) const {
  std::lock_guard lock(mutex_);
  std::map<std::string, nlohmann::json> out;
  auto sources = state_.find("source_offsets");
  if (sources == state_.end()) return out;
  auto it = sources->find(connector);
  if (it == sources->end()) return out;
  for (auto& [partition, offset] : it->items()) out[partition] = offset;
  return out;
}

void OffsetStore::SetSourceOffset(const std::string& connector, const nlohmann::json& partition,
                                  const nlohmann::json& offset) {
  std::lock_guard lock(mutex_);
  state_["source_offsets"][connector][partition.dump()] = offset;
}

int64_t OffsetStore::SinkOffset(const std::string& connector, const std::string& topic,
                                int32_t partition) const {
  std::lock_guard lock(mutex_);
  auto sinks = state_.find("sink_offsets");
  if (sinks == state_.end()) return 0;
  auto it = sinks->find(connector);
  if (it == sinks->end()) return 0;
  auto offset = it->find(SequenceKey(topic, partition));
  return offset == it->end() ? 0 : offset->get<int64_t>();
}

void OffsetStore::SetSinkOffset(const std::string& connector, const std::string& topic,
                                int32_t partition, int64_t offset) {
  std::lock_guard lock(mutex_);
  state_["sink_offsets"][connector][SequenceKey(topic, partition)] = offset;
}

int64_t OffsetStore::NextSequence(const std::string& topic, int32_t partition) const {
  std::lock_guard lock(mutex_);
  auto seqs = state_.find("sequences");
  if (seqs == state_.end()) return 0;
  auto it = seqs->find(SequenceKey(topic, partition));
  return it == seqs->end() ? 0 : it->get<int64_t>();
}

void OffsetStore::SetNextSequence(const std::string& topic, int32_t partition, int64_t next) {
  std::lock_guard lock(mutex_);
  state_["sequences"][SequenceKey(topic, partition)] = next;
}

}  // namespace tributary::runtime
