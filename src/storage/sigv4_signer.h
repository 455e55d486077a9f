// SigV4Signer: AWS Signature Version 4 (AWS4-HMAC-SHA256) for requests carried in the
// Authorization header, as S3 and S3-compatible servers verify it.
//
// The caller builds the request with an already encoded path (see uri_encode.h), the raw query
// parameters, and every header to sign, including host, x-amz-date and x-amz-content-sha256;
// Sign returns the Authorization header value. Every header given is signed.
//
// Thread-safety: immutable after construction; safe to share between threads.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tributary::storage {

struct SignableRequest {
  std::string method;                                      // "GET", "PUT", ...
  std::string encoded_path;                                // "/bucket/topics/t/partition%3D0/..."
  std::vector<std::pair<std::string, std::string>> query;  // raw names and values
  std::vector<std::pair<std::string, std::string>> headers;
  std::string payload_sha256_hex;  // or "UNSIGNED-PAYLOAD"
};

class SigV4Signer {
 public:
  SigV4Signer(std::string access_key_id, std::string secret_access_key, std::string region,
              std::string service = "s3");

  // The Authorization header value for `request` at `amz_date` ("20130524T000000Z", the same
  // value as the request's x-amz-date header).
  std::string Sign(const SignableRequest& request, std::string_view amz_date) const;

  // The intermediate forms, exposed for tests and for diagnosing SignatureDoesNotMatch.
  static std::string CanonicalRequest(const SignableRequest& request);
  std::string StringToSign(const SignableRequest& request, std::string_view amz_date) const;

  const std::string& region() const { return region_; }

 private:
  std::string Scope(std::string_view date) const;

  std::string access_key_id_;
  std::string secret_access_key_;
  std::string region_;
  std::string service_;
};

// "20130524T000000Z" for a point in time (UTC).
std::string FormatAmzDate(std::chrono::system_clock::time_point time);

std::string Sha256Hex(std::string_view data);

// The query string exactly as canonicalized for signing (sorted, encoded); the URL must carry
// the same string.
std::string CanonicalQueryString(const std::vector<std::pair<std::string, std::string>>& query);

}  // namespace tributary::storage
