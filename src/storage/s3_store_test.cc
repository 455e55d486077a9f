// S3Store's retry, timeout and multipart-abort behaviour against a scripted local HTTP server
// (the real server, which verifies signatures, is exercised in tests/integration/s3_itest.cc).
#include "storage/s3_store.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <mutex>
#include <thread>

namespace tributary::storage {
namespace {

struct SeenRequest {
  std::string method;
  std::string target;  // path and query as sent
  std::string content_sha256;
  std::string authorization;
  std::string body;
};

class ScriptedS3 {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&, int call)>;

  explicit ScriptedS3(Handler handler) : handler_(std::move(handler)) {
    auto serve = [this](const httplib::Request& request, httplib::Response& response) {
      int call;
      {
        std::lock_guard lock(mutex_);
        seen_.push_back({request.method, request.target,
                         request.get_header_value("x-amz-content-sha256"),
                         request.get_header_value("Authorization"), request.body});
        call = static_cast<int>(seen_.size());
      }
      handler_(request, response, call);
    };
    server_.Get(".*", serve);
    server_.Put(".*", serve);
    server_.Post(".*", serve);
    server_.Delete(".*", serve);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~ScriptedS3() {
    server_.stop();
    thread_.join();
  }

  S3StoreOptions Options() const {
    S3StoreOptions options;
    options.bucket = "bucket";
    options.endpoint = "http://127.0.0.1:" + std::to_string(port_);
    options.credentials = {"AKID", "secret", ""};
    options.retry_backoff_ms = 1;
    return options;
  }
  std::vector<SeenRequest> seen() {
    std::lock_guard lock(mutex_);
    return seen_;
  }

 private:
  Handler handler_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<SeenRequest> seen_;
};

void Error(httplib::Response& response, int status, const std::string& code) {
  response.status = status;
  response.set_content("<Error><Code>" + code + "</Code><Message>scripted</Message></Error>",
                       "application/xml");
}

TEST(S3StoreTest, SendsEncodedPathPayloadHashAndSignature) {
  ScriptedS3 server([](const auto&, auto& response, int) { response.status = 200; });
  S3Store store(server.Options());
  ASSERT_TRUE(store.Put("topics/t/partition=0/t+0+0000000000.json", "{}").ok());
  auto seen = server.seen();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "PUT");
  EXPECT_EQ(seen[0].target, "/bucket/topics/t/partition%3D0/t%2B0%2B0000000000.json");
  EXPECT_EQ(seen[0].content_sha256, Sha256Hex("{}"));
  EXPECT_EQ(seen[0].body, "{}");
  EXPECT_TRUE(seen[0].authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKID/"));
  EXPECT_NE(seen[0].authorization.find("/us-east-1/s3/aws4_request"), std::string::npos);
}

TEST(S3StoreTest, RetriesServerErrorsAndThrottlingThenSucceeds) {
  ScriptedS3 server([](const auto&, auto& response, int call) {
    if (call == 1) return Error(response, 503, "SlowDown");
    if (call == 2) return Error(response, 429, "TooManyRequests");
    response.status = 200;
  });
  S3Store store(server.Options());
  Status put = store.Put("k", "v");
  EXPECT_TRUE(put.ok()) << put.ToString();
  EXPECT_EQ(server.seen().size(), 3u);
}

TEST(S3StoreTest, GivesUpAfterTheConfiguredRetriesNamingTheError) {
  ScriptedS3 server(
      [](const auto&, auto& response, int) { Error(response, 500, "InternalError"); });
  auto options = server.Options();
  options.max_retries = 2;
  S3Store store(options);
  Status put = store.Put("a/k", "v");
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.code(), StatusCode::kUnavailable);
  EXPECT_NE(put.message().find("InternalError"), std::string::npos) << put.ToString();
  EXPECT_NE(put.message().find("s3://bucket/a/k"), std::string::npos) << put.ToString();
  EXPECT_NE(put.message().find("3 attempts"), std::string::npos) << put.ToString();
  EXPECT_EQ(server.seen().size(), 3u);
}

TEST(S3StoreTest, ClientErrorsAreNotRetriedAndCarryAHint) {
  ScriptedS3 server([](const auto&, auto& response, int) {
    Error(response, 403, "SignatureDoesNotMatch");
  });
  S3Store store(server.Options());
  Status put = store.Put("k", "v");
  ASSERT_FALSE(put.ok());
  EXPECT_NE(put.message().find("aws.secret.access.key"), std::string::npos) << put.ToString();
  EXPECT_EQ(server.seen().size(), 1u);
}

TEST(S3StoreTest, StalledResponseTimesOutAndIsRetried) {
  ScriptedS3 server([](const auto&, auto& response, int call) {
    if (call == 1) std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    response.status = 200;
  });
  auto options = server.Options();
  options.http.stall_timeout_ms = 1000;
  S3Store store(options);
  Status put = store.Put("k", "v");
  EXPECT_TRUE(put.ok()) << put.ToString();
  EXPECT_EQ(server.seen().size(), 2u);
}

TEST(S3StoreTest, ConnectionRefusedIsUnavailableAfterRetries) {
  S3StoreOptions options;
  options.bucket = "bucket";
  options.endpoint = "http://127.0.0.1:1";
  options.credentials = {"AKID", "secret", ""};
  options.retry_backoff_ms = 1;
  options.max_retries = 1;
  S3Store store(options);
  auto read = store.Get("k");
  EXPECT_EQ(read.status().code(), StatusCode::kUnavailable) << read.status().ToString();
}

TEST(S3StoreTest, MultipartUploadSendsPartsInOrderAndCompletes) {
  ScriptedS3 server([](const httplib::Request& request, auto& response, int) {
    if (request.method == "POST" && request.has_param("uploads")) {
      response.set_content("<InitiateMultipartUploadResult><UploadId>up-1</UploadId>"
                           "</InitiateMultipartUploadResult>", "application/xml");
    } else if (request.method == "PUT") {
      response.set_header("ETag", "\"etag-" + request.get_param_value("partNumber") + "\"");
    } else {
      response.set_content("<CompleteMultipartUploadResult/>", "application/xml");
    }
  });
  auto options = server.Options();
  options.part_size = 4;
  S3Store store(options);
  ASSERT_TRUE(store.Put("big", "0123456789", {{"a", "b c"}}).ok());
  auto seen = server.seen();
  ASSERT_EQ(seen.size(), 6u);
  EXPECT_EQ(seen[0].target, "/bucket/big?uploads=");
  EXPECT_EQ(seen[1].target, "/bucket/big?partNumber=1&uploadId=up-1");
  EXPECT_EQ(seen[1].body, "0123");
  EXPECT_EQ(seen[3].body, "89");
  EXPECT_EQ(seen[4].body,
            "<CompleteMultipartUpload>"
            "<Part><PartNumber>1</PartNumber><ETag>&quot;etag-1&quot;</ETag></Part>"
            "<Part><PartNumber>2</PartNumber><ETag>&quot;etag-2&quot;</ETag></Part>"
            "<Part><PartNumber>3</PartNumber><ETag>&quot;etag-3&quot;</ETag></Part>"
            "</CompleteMultipartUpload>");
  // The tags of a multipart object follow its completion.
  EXPECT_EQ(seen[5].target, "/bucket/big?tagging=");
  EXPECT_EQ(seen[5].body,
            "<Tagging><TagSet><Tag><Key>a</Key><Value>b c</Value></Tag></TagSet></Tagging>");
}

TEST(S3StoreTest, StreamingUploadSendsEachPartOnceFullAndHoldsLessThanAPart) {
  ScriptedS3 server([](const httplib::Request& request, auto& response, int) {
    if (request.method == "POST" && request.has_param("uploads")) {
      response.set_content("<UploadId>up-3</UploadId>", "application/xml");
    } else if (request.method == "PUT") {
      response.set_header("ETag", "\"e\"");
    }
  });
  auto options = server.Options();
  options.part_size = 4;
  S3Store store(options);
  auto upload = store.StartUpload("streamed");
  ASSERT_TRUE(upload.ok());
  ASSERT_TRUE((*upload)->Append("0123").ok());
  EXPECT_TRUE(server.seen().empty());  // a full part waits for a byte beyond it
  ASSERT_TRUE((*upload)->Append("456789a").ok());
  auto seen = server.seen();
  ASSERT_EQ(seen.size(), 3u);  // create + parts 1 and 2
  EXPECT_EQ(seen[1].body, "0123");
  EXPECT_EQ(seen[2].body, "4567");
  EXPECT_EQ((*upload)->buffered_bytes(), 3);
  EXPECT_EQ((*upload)->size(), 11);
  upload->reset();  // dropped without Commit(): the upload is aborted
  seen = server.seen();
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[3].method, "DELETE");
  EXPECT_EQ(seen[3].target, "/bucket/streamed?uploadId=up-3");
}

TEST(S3StoreTest, FailedPartAbortsTheMultipartUpload) {
  ScriptedS3 server([](const httplib::Request& request, auto& response, int) {
    if (request.method == "POST") {
      response.set_content("<UploadId>up-2</UploadId>", "application/xml");
    } else if (request.method == "PUT" && request.get_param_value("partNumber") == "2") {
      Error(response, 400, "InvalidPart");
    } else {
      response.set_header("ETag", "\"e\"");
    }
  });
  auto options = server.Options();
  options.part_size = 4;
  S3Store store(options);
  Status put = store.Put("big", "0123456789");
  ASSERT_FALSE(put.ok());
  EXPECT_NE(put.message().find("part 2"), std::string::npos) << put.ToString();
  auto seen = server.seen();
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back().method, "DELETE");
  EXPECT_EQ(seen.back().target, "/bucket/big?uploadId=up-2");
}

// While the server is down an upload keeps what it could not send; once the server is back
// the same upload carries on and the object holds every byte once, in order.
TEST(S3StoreTest, UploadResumesAfterTheServerComesBack) {
  std::atomic<bool> down{false};
  ScriptedS3 server([&](const httplib::Request& request, auto& response, int) {
    if (down) return Error(response, 503, "ServiceUnavailable");
    if (request.method == "POST" && request.has_param("uploads")) {
      response.set_content("<UploadId>up-4</UploadId>", "application/xml");
    } else if (request.method == "PUT") {
      response.set_header("ETag", "\"etag-" + request.get_param_value("partNumber") + "\"");
    } else {
      response.set_content("<CompleteMultipartUploadResult/>", "application/xml");
    }
  });
  auto options = server.Options();
  options.part_size = 4;
  options.max_retries = 1;
  S3Store store(options);
  auto upload = store.StartUpload("resumed");
  ASSERT_TRUE(upload.ok());
  ASSERT_TRUE((*upload)->Append("01234").ok());  // part 1 sent
  down = true;
  EXPECT_EQ((*upload)->Append("56789").code(), StatusCode::kUnavailable);
  EXPECT_EQ((*upload)->Commit().code(), StatusCode::kUnavailable);
  down = false;
  ASSERT_TRUE((*upload)->Append("").ok());  // part 2 goes now
  down = true;
  EXPECT_EQ((*upload)->Commit().code(), StatusCode::kUnavailable);
  down = false;
  ASSERT_TRUE((*upload)->Commit().ok());
  std::vector<std::string> sent;
  std::string complete;
  for (const auto& r : server.seen()) {
    if (r.method == "PUT" && r.target.find("partNumber") != std::string::npos &&
        r.authorization.size() > 0)
      sent.push_back(r.target.substr(r.target.find("partNumber")) + ":" + r.body);
    if (r.method == "POST" && r.target.find("uploadId") != std::string::npos) complete = r.body;
    EXPECT_NE(r.method, "DELETE");  // never aborted
  }
  // Every attempt of a part reuses its number; the last successful ones hold the object.
  EXPECT_EQ(sent.back(), "partNumber=3&uploadId=up-4:89");
  EXPECT_EQ(complete,
            "<CompleteMultipartUpload>"
            "<Part><PartNumber>1</PartNumber><ETag>&quot;etag-1&quot;</ETag></Part>"
            "<Part><PartNumber>2</PartNumber><ETag>&quot;etag-2&quot;</ETag></Part>"
            "<Part><PartNumber>3</PartNumber><ETag>&quot;etag-3&quot;</ETag></Part>"
            "</CompleteMultipartUpload>");
}

TEST(S3StoreTest, CompleteAnsweredWithAnErrorInsideA200IsRetried) {
  std::atomic<int> completes{0};
  ScriptedS3 server([&](const httplib::Request& request, auto& response, int) {
    if (request.method == "POST" && request.has_param("uploads")) {
      response.set_content("<UploadId>up-3</UploadId>", "application/xml");
    } else if (request.method == "POST") {
      if (++completes == 1) {
        response.set_content("<Error><Code>InternalError</Code></Error>", "application/xml");
      } else {
        response.set_content("<CompleteMultipartUploadResult/>", "application/xml");
      }
    } else {
      response.set_header("ETag", "\"e\"");
    }
  });
  auto options = server.Options();
  options.part_size = 4;
  S3Store store(options);
  EXPECT_TRUE(store.Put("big", "012345").ok());
  EXPECT_EQ(completes.load(), 2);
}

TEST(S3StoreTest, ListFollowsContinuationTokens) {
  ScriptedS3 server([](const httplib::Request& request, auto& response, int) {
    if (!request.has_param("continuation-token")) {
      response.set_content(
          "<ListBucketResult><IsTruncated>true</IsTruncated>"
          "<Contents><Key>p/b</Key><Size>2</Size></Contents>"
          "<NextContinuationToken>next/+=</NextContinuationToken></ListBucketResult>",
          "application/xml");
    } else {
      EXPECT_EQ(request.get_param_value("continuation-token"), "next/+=");
      response.set_content("<ListBucketResult><IsTruncated>false</IsTruncated>"
                           "<Contents><Key>p/a &amp; c</Key><Size>1</Size></Contents>"
                           "</ListBucketResult>",
                           "application/xml");
    }
  });
  S3Store store(server.Options());
  auto listed = store.List("p/");
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].key, "p/a & c");
  EXPECT_EQ((*listed)[1].key, "p/b");
  EXPECT_EQ((*listed)[1].size, 2);
}

TEST(S3StoreTest, MissingObjectIsNotFound) {
  ScriptedS3 server([](const auto&, auto& response, int) { Error(response, 404, "NoSuchKey"); });
  S3Store store(server.Options());
  EXPECT_TRUE(store.Get("nope").status().IsNotFound());
  EXPECT_EQ(server.seen().size(), 1u);
}

}  // namespace
}  // namespace tributary::storage
