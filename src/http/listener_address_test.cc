#include "http/listener_address.h"

#include <gtest/gtest.h>

namespace tributary::http {
namespace {

TEST(ParseListenersTest, TakesTheFirstEntryAsKafkaConnectAndConfluentWriteIt) {
  EXPECT_EQ(*ParseListeners("listeners", "http://:8083", 8083), (ListenerAddress{"0.0.0.0", 8083}));
  EXPECT_EQ(*ParseListeners("listeners", " HTTP://localhost:8084/ , http://other:1", 8083),
            (ListenerAddress{"localhost", 8084}));
  EXPECT_EQ(*ParseListeners("listeners", "http://[::1]:0", 8083), (ListenerAddress{"::1", 0}));
}

TEST(ParseListenersTest, BadEntriesNameTheKeyTheEntryAndTheExpectedForm) {
  const Status https = ParseListeners("listeners", "https://0.0.0.0:8443", 8083).status();
  EXPECT_EQ(https.code(), StatusCode::kNotSupported);
  EXPECT_NE(https.message().find("https"), std::string::npos);
  for (const char* bad : {"0.0.0.0:8081", "ftp://h:1", "http://host", "http://[::1]", "http://h:x",
                          "http://h:70000", "http://h:-1"}) {
    const Status status = ParseListeners("registry.listeners", bad, 8081).status();
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(status.message().find("registry.listeners"), std::string::npos) << status.ToString();
    EXPECT_NE(status.message().find(bad), std::string::npos) << status.ToString();
  }
}

}  // namespace
}  // namespace tributary::http
