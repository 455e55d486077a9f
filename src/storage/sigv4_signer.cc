#include "storage/sigv4_signer.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <ctime>

#include "storage/uri_encode.h"

namespace tributary::storage {
namespace {

std::string ToHex(const unsigned char* bytes, size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(size * 2, '\0');
  for (size_t i = 0; i < size; ++i) {
    out[2 * i] = kHex[bytes[i] >> 4];
    out[2 * i + 1] = kHex[bytes[i] & 0xF];
  }
  return out;
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &length);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string Lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Trims both ends and collapses inner runs of spaces, as SigV4 canonical headers require.
std::string CanonicalHeaderValue(std::string_view value) {
  std::string out;
  bool pending_space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> SortedHeaders(const SignableRequest& request) {
  std::vector<std::pair<std::string, std::string>> headers;
  headers.reserve(request.headers.size());
  for (const auto& [name, value] : request.headers) {
    headers.emplace_back(Lowercase(name), CanonicalHeaderValue(value));
  }
  std::sort(headers.begin(), headers.end());
  return headers;
}

std::string SignedHeaderNames(const std::vector<std::pair<std::string, std::string>>& sorted) {
  std::string names;
  for (const auto& [name, value] : sorted) {
    if (!names.empty()) names.push_back(';');
    names += name;
  }
  return names;
}

}  // namespace

SigV4Signer::SigV4Signer(std::string access_key_id, std::string secret_access_key,
                         std::string region, std::string service)
    : access_key_id_(std::move(access_key_id)),
      secret_access_key_(std::move(secret_access_key)),
      region_(std::move(region)),
      service_(std::move(service)) {}

std::string CanonicalQueryString(const std::vector<std::pair<std::string, std::string>>& query) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(query.size());
  for (const auto& [name, value] : query) {
    encoded.emplace_back(UriEncode(name, SlashEncoding::kEncode),
                         UriEncode(value, SlashEncoding::kEncode));
  }
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) out.push_back('&');
    out += name;
    out.push_back('=');
    out += value;
  }
  return out;
}

std::string SigV4Signer::CanonicalRequest(const SignableRequest& request) {
  auto headers = SortedHeaders(request);
  std::string out;
  out += request.method;
  out += '\n';
  out += request.encoded_path.empty() ? "/" : request.encoded_path;
  out += '\n';
  out += CanonicalQueryString(request.query);
  out += '\n';
  for (const auto& [name, value] : headers) {
    out += name;
    out += ':';
    out += value;
    out += '\n';
  }
  out += '\n';
  out += SignedHeaderNames(headers);
  out += '\n';
  out += request.payload_sha256_hex;
  return out;
}

std::string SigV4Signer::Scope(std::string_view date) const {
  return fmt::format("{}/{}/{}/aws4_request", date, region_, service_);
}

std::string SigV4Signer::StringToSign(const SignableRequest& request,
                                      std::string_view amz_date) const {
  return fmt::format("AWS4-HMAC-SHA256\n{}\n{}\n{}", amz_date, Scope(amz_date.substr(0, 8)),
                     Sha256Hex(CanonicalRequest(request)));
}

std::string SigV4Signer::Sign(const SignableRequest& request, std::string_view amz_date) const {
  std::string_view date = amz_date.substr(0, 8);
  std::string key = HmacSha256("AWS4" + secret_access_key_, date);
  key = HmacSha256(key, region_);
  key = HmacSha256(key, service_);
  key = HmacSha256(key, "aws4_request");
  std::string signature = HmacSha256(key, StringToSign(request, amz_date));
  return fmt::format(
      "AWS4-HMAC-SHA256 Credential={}/{},SignedHeaders={},Signature={}", access_key_id_,
      Scope(date), SignedHeaderNames(SortedHeaders(request)),
      ToHex(reinterpret_cast<const unsigned char*>(signature.data()), signature.size()));
}

std::string FormatAmzDate(std::chrono::system_clock::time_point time) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y%m%dT%H%M%SZ", &utc);
  return buffer;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return ToHex(digest, sizeof(digest));
}

}  // namespace tributary::storage
