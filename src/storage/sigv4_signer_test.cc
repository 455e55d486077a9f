#include "storage/sigv4_signer.h"

#include <gtest/gtest.h>

#include "storage/uri_encode.h"

namespace tributary::storage {
namespace {

// The worked examples of "Authenticating Requests: Using the Authorization Header (AWS
// Signature Version 4)" in the Amazon S3 API reference, with their published signatures.
constexpr char kAccessKey[] = "AKIAIOSFODNN7EXAMPLE";
constexpr char kSecretKey[] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
constexpr char kDate[] = "20130524T000000Z";
constexpr char kEmptySha256[] =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

SigV4Signer ExampleSigner() { return SigV4Signer(kAccessKey, kSecretKey, "us-east-1"); }

TEST(SigV4SignerTest, GetObjectExampleFromAwsDocs) {
  SignableRequest request{
      .method = "GET",
      .encoded_path = "/test.txt",
      .query = {},
      .headers = {{"Host", "examplebucket.s3.amazonaws.com"},
                  {"Range", "bytes=0-9"},
                  {"x-amz-content-sha256", kEmptySha256},
                  {"x-amz-date", kDate}},
      .payload_sha256_hex = kEmptySha256};
  EXPECT_EQ(SigV4Signer::CanonicalRequest(request),
            "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
            "x-amz-content-sha256:"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
            "x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(ExampleSigner().StringToSign(request, kDate),
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  EXPECT_EQ(ExampleSigner().Sign(request, kDate),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

TEST(SigV4SignerTest, PutObjectExampleFromAwsDocsEncodesDollarInKey) {
  std::string body = "Welcome to Amazon S3.";
  SignableRequest request{
      .method = "PUT",
      .encoded_path = "/" + UriEncode("test$file.text", SlashEncoding::kKeep),
      .query = {},
      .headers = {{"Host", "examplebucket.s3.amazonaws.com"},
                  {"Date", "Fri, 24 May 2013 00:00:00 GMT"},
                  {"x-amz-date", kDate},
                  {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
                  {"x-amz-content-sha256", Sha256Hex(body)}},
      .payload_sha256_hex = Sha256Hex(body)};
  EXPECT_EQ(request.encoded_path, "/test%24file.text");
  EXPECT_EQ(Sha256Hex(body), "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  EXPECT_EQ(ExampleSigner().Sign(request, kDate),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
            "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

TEST(SigV4SignerTest, GetBucketLifecycleExampleSignsValuelessQueryParameter) {
  SignableRequest request{
      .method = "GET",
      .encoded_path = "/",
      .query = {{"lifecycle", ""}},
      .headers = {{"Host", "examplebucket.s3.amazonaws.com"},
                  {"x-amz-date", kDate},
                  {"x-amz-content-sha256", kEmptySha256}},
      .payload_sha256_hex = kEmptySha256};
  EXPECT_EQ(ExampleSigner().Sign(request, kDate),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            "SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
            "Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
}

TEST(SigV4SignerTest, ListObjectsExampleSortsQueryParameters) {
  SignableRequest request{
      .method = "GET",
      .encoded_path = "/",
      .query = {{"prefix", "J"}, {"max-keys", "2"}},
      .headers = {{"Host", "examplebucket.s3.amazonaws.com"},
                  {"x-amz-date", kDate},
                  {"x-amz-content-sha256", kEmptySha256}},
      .payload_sha256_hex = kEmptySha256};
  EXPECT_EQ(CanonicalQueryString(request.query), "max-keys=2&prefix=J");
  EXPECT_EQ(ExampleSigner().Sign(request, kDate),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            "SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
            "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

TEST(SigV4SignerTest, CanonicalHeadersTrimAndCollapseSpaces) {
  SignableRequest request{.method = "GET",
                          .encoded_path = "/",
                          .query = {},
                          .headers = {{"X-Amz-Meta-Note", "  a   b  "}},
                          .payload_sha256_hex = kEmptySha256};
  EXPECT_EQ(SigV4Signer::CanonicalRequest(request),
            std::string("GET\n/\n\nx-amz-meta-note:a b\n\nx-amz-meta-note\n") + kEmptySha256);
}

TEST(SigV4SignerTest, QueryValuesEncodeSlashAndReservedCharacters) {
  EXPECT_EQ(CanonicalQueryString({{"prefix", "topics/t/partition=0/"},
                                  {"continuation-token", "a+b c"}}),
            "continuation-token=a%2Bb%20c&prefix=topics%2Ft%2Fpartition%3D0%2F");
}

TEST(SigV4SignerTest, FormatsAmzDateInUtc) {
  EXPECT_EQ(FormatAmzDate(std::chrono::system_clock::from_time_t(1369353600)), kDate);
}

}  // namespace
}  // namespace tributary::storage
