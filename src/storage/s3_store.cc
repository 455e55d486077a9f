#include "storage/s3_store.h"

#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include "common/logging.h"
#include "storage/s3_xml.h"
#include "storage/uri_encode.h"

namespace tributary::storage {
namespace {

constexpr int64_t kMaxBackoffMs = 20'000;

bool IsRetryableStatus(long status) { return status >= 500 || status == 429 || status == 408; }

std::string TaggingHeaderValue(const std::map<std::string, std::string>& tags) {
  std::string out;
  for (const auto& [name, value] : tags) {
    if (!out.empty()) out.push_back('&');
    out += UriEncode(name, SlashEncoding::kEncode);
    out.push_back('=');
    out += UriEncode(value, SlashEncoding::kEncode);
  }
  return out;
}

// The Content-MD5 header value (base64 of the body's MD5) that PutObjectTagging asks for.
std::string ContentMd5(std::string_view body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(body.data(), body.size(), digest, &length, EVP_md5(), nullptr);
  unsigned char encoded[4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1];
  const int n = EVP_EncodeBlock(encoded, digest, static_cast<int>(length));
  return std::string(reinterpret_cast<const char*>(encoded), static_cast<size_t>(n));
}

// The hint for S3 error codes that users meet through configuration.
std::string_view HintFor(std::string_view code) {
  if (code == "SignatureDoesNotMatch") {
    return "; check aws.secret.access.key (or AWS_SECRET_ACCESS_KEY) and s3.region";
  }
  if (code == "InvalidAccessKeyId") return "; check aws.access.key.id (or AWS_ACCESS_KEY_ID)";
  if (code == "NoSuchBucket") return "; create the bucket or fix s3.bucket.name";
  if (code == "AuthorizationHeaderMalformed") return "; check s3.region";
  return "";
}

int64_t BackoffMs(int64_t base_ms, int attempt) {
  int64_t ceiling = std::min(kMaxBackoffMs, base_ms << std::min(attempt, 16));
  thread_local std::mt19937_64 random(std::random_device{}());
  // Half fixed, half random ("equal jitter"): retries spread out but never fire at once.
  return ceiling / 2 + std::uniform_int_distribution<int64_t>(0, ceiling / 2)(random);
}

}  // namespace

S3Store::S3Store(S3StoreOptions options)
    : options_(std::move(options)),
      signer_(options_.credentials.access_key_id, options_.credentials.secret_access_key,
              options_.region),
      http_(options_.http) {
  std::string endpoint = options_.endpoint.empty()
                             ? "https://s3." + options_.region + ".amazonaws.com"
                             : options_.endpoint;
  size_t scheme_end = endpoint.find("://");
  scheme_ = scheme_end == std::string::npos ? "https" : endpoint.substr(0, scheme_end);
  endpoint_host_ = scheme_end == std::string::npos ? endpoint : endpoint.substr(scheme_end + 3);
  while (!endpoint_host_.empty() && endpoint_host_.back() == '/') endpoint_host_.pop_back();
}

std::string S3Store::Describe() const { return "s3://" + options_.bucket; }

Result<HttpResponse> S3Store::SendOnce(const Request& request) {
  std::string host = options_.path_style ? endpoint_host_ : options_.bucket + "." + endpoint_host_;
  std::string path = options_.path_style ? "/" + options_.bucket : "";
  path += "/" + UriEncode(request.key, SlashEncoding::kKeep);
  std::string payload_hash = Sha256Hex(request.body);
  std::string amz_date = FormatAmzDate(std::chrono::system_clock::now());

  SignableRequest signable{.method = request.method,
                           .encoded_path = path,
                           .query = request.query,
                           .headers = {{"host", host},
                                       {"x-amz-date", amz_date},
                                       {"x-amz-content-sha256", payload_hash}},
                           .payload_sha256_hex = payload_hash};
  if (!options_.credentials.session_token.empty()) {
    signable.headers.emplace_back("x-amz-security-token", options_.credentials.session_token);
  }
  for (const auto& header : request.extra_headers) signable.headers.push_back(header);

  HttpHeaders headers = signable.headers;
  headers.emplace_back("authorization", signer_.Sign(signable, amz_date));
  std::string url = scheme_ + "://" + host + path;
  std::string query = CanonicalQueryString(request.query);
  if (!query.empty()) url += "?" + query;
  return http_.Perform(request.method, url, headers, request.body);
}

Status S3Store::ErrorFromResponse(const HttpResponse& response, std::string_view operation,
                                  const std::string& key) const {
  std::string code = XmlElementText(response.body, "Code").value_or("");
  std::string message = XmlElementText(response.body, "Message").value_or("");
  std::string where = Describe() + (key.empty() ? "" : "/" + key);
  std::string detail = code.empty() ? "" : " " + code;
  if (!message.empty()) detail += ": " + message;
  std::string text = fmt::format("S3 {} {} failed: HTTP {}{}{}", operation, where,
                                 response.status, detail, HintFor(code));
  if (response.status == 404 && (code.empty() || code == "NoSuchKey")) {
    return Status::NotFound("{}", text);
  }
  if (IsRetryableStatus(response.status)) return Status::Unavailable("{}", text);
  return Status::IOError("{}", text);
}

Result<HttpResponse> S3Store::Send(const Request& request, std::string_view operation) {
  Status last_error;
  for (int attempt = 0;; ++attempt) {
    auto response = SendOnce(request);
    if (response.ok()) {
      // CompleteMultipartUpload may fail inside a 200 answer.
      bool error_in_body = response->status == 200 && request.method == "POST" &&
                           response->body.find("<Error>") != std::string::npos;
      if (response->status / 100 == 2 && !error_in_body) return response;
      last_error = ErrorFromResponse(*response, operation, request.key);
      if (!IsRetryableStatus(response->status) && !error_in_body) return last_error;
    } else {
      last_error = Status::Unavailable(
          "S3 {} {}/{} failed: {} (check that the endpoint (store.url, s3.region) is reachable; "
          "errors.retry.timeout keeps a sink retrying through an outage)",
          operation, Describe(), request.key, response.status().message());
    }
    if (attempt >= options_.max_retries) {
      return last_error.Annotate(fmt::format("after {} attempts", attempt + 1));
    }
    int64_t delay = BackoffMs(options_.retry_backoff_ms, attempt);
    spdlog::warn("{}; retrying in {} ms ({} of {})", last_error.message(), delay, attempt + 1,
                 options_.max_retries);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay));
  }
}

// Parts are sent as soon as a byte beyond them arrives, so the last part is never empty and
// an object of at most one part goes up in a single PUT. A retriable failure (Unavailable)
// loses nothing: the bytes that did not go out stay in buffer_, the parts that did stay in
// the multipart upload, and the next Append() or Commit() carries on from there.
class S3Store::Upload : public ObjectUpload {
 public:
  Upload(S3Store* store, std::string key) : store_(store), key_(std::move(key)) {}
  ~Upload() override { Abort(); }

  Status Append(std::string_view data) override {
    if (done_) return Status::Internal("S3 upload of {} is already finished", key_);
    size_ += static_cast<int64_t>(data.size());
    buffer_.append(data);
    return SendFullParts();
  }

  Status Commit(const std::map<std::string, std::string>& tags) override {
    if (done_) return Status::Internal("S3 upload of {} is already finished", key_);
    Status status = SendFullParts();
    if (status.ok()) status = upload_id_.empty() && !completed_ ? PutWhole(tags) : Complete(tags);
    if (!status.ok()) {
      if (status.code() != StatusCode::kUnavailable) Abort();
      return status;
    }
    done_ = true;
    buffer_ = std::string();
    return Status::OK();
  }

  void Abort() override {
    if (done_) return;
    done_ = true;
    buffer_ = std::string();
    if (upload_id_.empty()) return;
    auto aborted = store_->Send({.method = "DELETE", .key = key_,
                                 .query = {{"uploadId", upload_id_}}, .extra_headers = {},
                                 .body = {}},
                                "AbortMultipartUpload");
    if (!aborted.ok()) {
      spdlog::warn("{} (the failed upload's parts may remain until the bucket's lifecycle "
                   "rules remove them)", aborted.status().message());
    }
  }

  int64_t size() const override { return size_; }
  int64_t buffered_bytes() const override { return static_cast<int64_t>(buffer_.size()); }

 private:
  // Sends every whole part of buffer_ that has a byte after it; what went out leaves buffer_
  // even when a later part fails.
  Status SendFullParts() {
    const size_t part_size = static_cast<size_t>(store_->options_.part_size);
    size_t sent = 0;
    Status status;
    while (buffer_.size() - sent > part_size) {
      status = SendPart(std::string_view(buffer_).substr(sent, part_size));
      if (!status.ok()) break;
      sent += part_size;
    }
    buffer_.erase(0, sent);
    return status;
  }

  Status PutWhole(const std::map<std::string, std::string>& tags) {
    HttpHeaders headers = {{"content-type", "application/octet-stream"}};
    if (!tags.empty()) headers.emplace_back("x-amz-tagging", TaggingHeaderValue(tags));
    return store_->Send({.method = "PUT", .key = key_, .query = {}, .extra_headers = headers,
                         .body = buffer_},
                        "PutObject")
        .status();
  }

  Status SendPart(std::string_view part) {
    if (upload_id_.empty()) {
      auto created = store_->Send({.method = "POST", .key = key_, .query = {{"uploads", ""}},
                                   .extra_headers = {{"content-type", "application/octet-stream"}},
                                   .body = {}},
                                  "CreateMultipartUpload");
      if (!created.ok()) return created.status();
      auto upload_id = XmlElementText(created->body, "UploadId");
      if (!upload_id || upload_id->empty()) {
        return Status::IOError("S3 CreateMultipartUpload {}/{}: the answer has no UploadId: {}",
                               store_->Describe(), key_, created->body.substr(0, 200));
      }
      upload_id_ = *upload_id;
      complete_ = "<CompleteMultipartUpload>";
    }
    const int part_number = parts_ + 1;  // counted once sent, so a retry reuses the number
    auto uploaded = store_->Send({.method = "PUT", .key = key_,
                                  .query = {{"partNumber", std::to_string(part_number)},
                                            {"uploadId", upload_id_}},
                                  .extra_headers = {}, .body = part},
                                 "UploadPart");
    if (!uploaded.ok()) {
      return uploaded.status().Annotate(fmt::format("part {} at byte {}", part_number,
                                                    sent_bytes_));
    }
    auto etag = uploaded->headers.find("etag");
    if (etag == uploaded->headers.end()) {
      return Status::IOError("S3 UploadPart {}/{} part {}: the answer has no ETag",
                             store_->Describe(), key_, part_number);
    }
    complete_ += fmt::format("<Part><PartNumber>{}</PartNumber><ETag>{}</ETag></Part>",
                             part_number, XmlEscape(etag->second));
    sent_bytes_ += static_cast<int64_t>(part.size());
    parts_ = part_number;
    return Status::OK();
  }

  // Each step runs once: a retry after a failed step resumes at that step.
  Status Complete(const std::map<std::string, std::string>& tags) {
    if (!completed_) {
      if (!buffer_.empty()) {
        TRIB_RETURN_IF_ERROR(SendPart(buffer_));
        buffer_.clear();
      }
      TRIB_RETURN_IF_ERROR(store_->Send({.method = "POST", .key = key_,
                                         .query = {{"uploadId", upload_id_}},
                                         .extra_headers = {{"content-type", "application/xml"}},
                                         .body = complete_ + "</CompleteMultipartUpload>"},
                                        "CompleteMultipartUpload")
                               .status());
      upload_id_.clear();  // completed: nothing left to abort
      completed_ = true;
    }
    if (tags.empty()) return Status::OK();
    std::string tagging = "<Tagging><TagSet>";
    for (const auto& [name, value] : tags) {
      tagging += fmt::format("<Tag><Key>{}</Key><Value>{}</Value></Tag>", XmlEscape(name),
                             XmlEscape(value));
    }
    tagging += "</TagSet></Tagging>";
    return store_->Send({.method = "PUT", .key = key_, .query = {{"tagging", ""}},
                         .extra_headers = {{"content-md5", ContentMd5(tagging)},
                                           {"content-type", "application/xml"}},
                         .body = tagging},
                        "PutObjectTagging")
        .status();
  }

  S3Store* store_;
  std::string key_;
  std::string buffer_;     // bytes not yet sent (less than one part)
  std::string upload_id_;  // set once the first part is sent, until completion
  std::string complete_;   // CompleteMultipartUpload body so far
  int parts_ = 0;
  int64_t size_ = 0;
  int64_t sent_bytes_ = 0;
  bool completed_ = false;  // CompleteMultipartUpload succeeded (tags may still be due)
  bool done_ = false;
};

Result<std::unique_ptr<ObjectUpload>> S3Store::StartUpload(const std::string& key) {
  return std::unique_ptr<ObjectUpload>(new Upload(this, key));
}

Status S3Store::Put(const std::string& key, std::string_view data,
                    const std::map<std::string, std::string>& tags) {
  Upload upload(this, key);
  TRIB_RETURN_IF_ERROR(upload.Append(data));
  return upload.Commit(tags);
}

Result<std::string> S3Store::Get(const std::string& key) {
  auto response = Send({.method = "GET", .key = key, .query = {}, .extra_headers = {}, .body = {}},
                       "GetObject");
  if (!response.ok()) return response.status();
  return std::move(response->body);
}

Status S3Store::Delete(const std::string& key) {
  return Send({.method = "DELETE", .key = key, .query = {}, .extra_headers = {}, .body = {}},
              "DeleteObject")
      .status();
}

Result<std::vector<ObjectInfo>> S3Store::List(const std::string& prefix) {
  std::vector<ObjectInfo> objects;
  std::string continuation;
  while (true) {
    std::vector<std::pair<std::string, std::string>> query = {{"list-type", "2"},
                                                              {"prefix", prefix}};
    if (!continuation.empty()) query.emplace_back("continuation-token", continuation);
    auto response = Send({.method = "GET", .key = "", .query = query, .extra_headers = {},
                          .body = {}},
                         "ListObjectsV2");
    if (!response.ok()) return response.status();
    for (std::string_view entry : XmlElements(response->body, "Contents")) {
      ObjectInfo info;
      info.key = XmlElementText(entry, "Key").value_or("");
      std::string size = XmlElementText(entry, "Size").value_or("0");
      info.size = std::strtoll(size.c_str(), nullptr, 10);
      objects.push_back(std::move(info));
    }
    if (XmlElementText(response->body, "IsTruncated").value_or("false") != "true") break;
    continuation = XmlElementText(response->body, "NextContinuationToken").value_or("");
    if (continuation.empty()) {
      return Status::IOError("S3 ListObjectsV2 {} prefix '{}': truncated answer without "
                             "NextContinuationToken", Describe(), prefix);
    }
  }
  std::sort(objects.begin(), objects.end(),
            [](const ObjectInfo& a, const ObjectInfo& b) { return a.key < b.key; });
  return objects;
}

Result<std::map<std::string, std::string>> S3Store::GetTags(const std::string& key) {
  auto response = Send({.method = "GET", .key = key, .query = {{"tagging", ""}},
                        .extra_headers = {}, .body = {}},
                       "GetObjectTagging");
  if (!response.ok()) return response.status();
  std::map<std::string, std::string> tags;
  for (std::string_view tag : XmlElements(response->body, "Tag")) {
    tags[XmlElementText(tag, "Key").value_or("")] = XmlElementText(tag, "Value").value_or("");
  }
  return tags;
}

}  // namespace tributary::storage
