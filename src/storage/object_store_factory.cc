#include "storage/object_store_factory.h"

#include <charconv>

#include "storage/local_store.h"
#include "storage/s3_store.h"

namespace tributary::storage {
namespace {

constexpr int64_t kMinPartSize = 5 * 1024 * 1024;
constexpr int64_t kMaxPartSize = 2147483647;

std::string Get(const std::map<std::string, std::string>& config, const std::string& key,
                const std::string& fallback = "") {
  auto it = config.find(key);
  return it == config.end() || it->second.empty() ? fallback : it->second;
}

Result<int64_t> GetInt(const std::map<std::string, std::string>& config, const std::string& key,
                       int64_t fallback, int64_t min, int64_t max) {
  std::string text = Get(config, key);
  if (text.empty()) return fallback;
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return Status::InvalidArgument("{}={} is invalid: expected an integer in [{}, {}]", key, text,
                                   min, max);
  }
  return value;
}

Result<bool> GetBool(const std::map<std::string, std::string>& config, const std::string& key,
                     bool fallback) {
  std::string text = Get(config, key);
  if (text.empty()) return fallback;
  if (text == "true" || text == "TRUE" || text == "True") return true;
  if (text == "false" || text == "FALSE" || text == "False") return false;
  return Status::InvalidArgument("{}={} is invalid: expected true or false", key, text);
}

}  // namespace

Result<std::unique_ptr<ObjectStore>> OpenObjectStore(
    const std::map<std::string, std::string>& config, const EnvLookup& env) {
  std::string bucket = Get(config, "s3.bucket.name");
  if (bucket.empty()) {
    return Status::InvalidArgument("s3.bucket.name is required: the bucket to write to");
  }
  std::string url = Get(config, "store.url");
  // Without store.url, the endpoint comes from the environment as AWS's tools read it, so a
  // connector config written for AWS runs unchanged against an S3-compatible server.
  for (const char* variable : {"AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"}) {
    if (!url.empty()) break;
    if (auto from_env = env(variable); from_env && !from_env->empty()) url = *from_env;
  }
  if (url.starts_with("file:")) {
    if (!url.starts_with("file:///")) {
      return Status::InvalidArgument(
          "store.url={} is invalid: a folder store is file:///absolute/folder", url);
    }
    TRIB_ASSIGN_OR_RETURN(auto store, LocalStore::Open(url.substr(7), bucket));
    return std::unique_ptr<ObjectStore>(std::move(store));
  }
  if (!url.empty() && !url.starts_with("http://") && !url.starts_with("https://")) {
    return Status::InvalidArgument(
        "store.url={} is invalid: expected http(s)://host[:port] or file:///absolute/folder", url);
  }

  S3StoreOptions options;
  options.bucket = bucket;
  options.endpoint = url;
  options.region = Get(config, "s3.region", "us-east-1");
  TRIB_ASSIGN_OR_RETURN(options.path_style,
                        GetBool(config, "s3.path.style.access.enabled", !url.empty()));
  TRIB_ASSIGN_OR_RETURN(options.part_size, GetInt(config, "s3.part.size", 25 * 1024 * 1024,
                                                  kMinPartSize, kMaxPartSize));
  TRIB_ASSIGN_OR_RETURN(int64_t retries, GetInt(config, "s3.part.retries", 3, 0, 100));
  options.max_retries = static_cast<int>(retries);
  TRIB_ASSIGN_OR_RETURN(options.retry_backoff_ms,
                        GetInt(config, "s3.retry.backoff.ms", 200, 0, 3'600'000));
  TRIB_ASSIGN_OR_RETURN(options.credentials, ResolveAwsCredentials(config, env));
  return std::unique_ptr<ObjectStore>(std::make_unique<S3Store>(std::move(options)));
}

}  // namespace tributary::storage
