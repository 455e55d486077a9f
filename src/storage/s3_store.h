// S3Store: an ObjectStore on Amazon S3 or an S3-compatible server, over HTTP(S) with
// Signature Version 4.
//
// Objects up to `part_size` go up in one PUT; larger ones as a multipart upload of
// `part_size` parts, aborted when any step fails for good, so no partial object and no
// orphaned parts are left. StartUpload() streams: it holds about one part in memory (more
// only while the server is unreachable) and sends each part as soon as a byte beyond it
// arrives; the object appears only when CompleteMultipartUpload (or the single PUT) succeeds
// at Commit(). Tags go with the PUT, or, for a multipart object, in a PutObjectTagging right
// after completion (as Confluent's sink tags objects after uploading them).
//
// Every request is retried on transport errors, timeouts, HTTP 5xx, 408 and 429 (throttling),
// up to `max_retries` times (s3.part.retries) with exponential backoff from `retry_backoff_ms`
// (s3.retry.backoff.ms) and random jitter. What still fails then is Unavailable, which the
// caller may retry (an upload keeps its unsent bytes, see ObjectUpload); other failures are
// IOError or NotFound. Errors name the operation, the s3:// address, the HTTP status and S3's
// error code (e.g. SignatureDoesNotMatch) with a hint.
//
// Thread-safety: safe to call from several threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "storage/aws_credentials.h"
#include "storage/curl_http_client.h"
#include "storage/object_store.h"
#include "storage/sigv4_signer.h"

namespace tributary::storage {

struct S3StoreOptions {
  std::string bucket;
  std::string region = "us-east-1";
  // "http://127.0.0.1:9000" for an S3-compatible server (store.url); empty means AWS's
  // regional endpoint https://s3.<region>.amazonaws.com.
  std::string endpoint;
  // Path style puts the bucket in the path (http://host/bucket/key); virtual-host style in the
  // host name (http://bucket.host/key).
  bool path_style = true;
  AwsCredentials credentials;
  int64_t part_size = 25 * 1024 * 1024;  // s3.part.size
  int max_retries = 3;                   // s3.part.retries
  int64_t retry_backoff_ms = 200;        // s3.retry.backoff.ms
  CurlHttpClient::Options http;
};

class S3Store : public ObjectStore {
 public:
  explicit S3Store(S3StoreOptions options);

  Status Put(const std::string& key, std::string_view data,
             const std::map<std::string, std::string>& tags = {}) override;
  Result<std::unique_ptr<ObjectUpload>> StartUpload(const std::string& key) override;
  Result<std::string> Get(const std::string& key) override;
  Result<std::vector<ObjectInfo>> List(const std::string& prefix) override;
  Status Delete(const std::string& key) override;
  std::string Describe() const override;

  // The object's tags (GetObjectTagging), for checking s3.object.tagging.
  Result<std::map<std::string, std::string>> GetTags(const std::string& key);

 private:
  class Upload;
  struct Request {
    std::string method;
    std::string key;  // empty for bucket-level requests
    std::vector<std::pair<std::string, std::string>> query;
    HttpHeaders extra_headers;  // signed too
    std::string_view body;
  };

  // Sends `request`, retrying retryable failures; a non-2xx answer becomes an error Status.
  Result<HttpResponse> Send(const Request& request, std::string_view operation);
  Result<HttpResponse> SendOnce(const Request& request);
  Status ErrorFromResponse(const HttpResponse& response, std::string_view operation,
                           const std::string& key) const;

  S3StoreOptions options_;
  SigV4Signer signer_;
  CurlHttpClient http_;
  std::string scheme_;          // "http" or "https"
  std::string endpoint_host_;   // host[:port] of the endpoint
};

}  // namespace tributary::storage
