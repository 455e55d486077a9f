#include "http/http_server_thread.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>

namespace tributary::http {
namespace {

TEST(HttpServerThreadTest, ServesUntilStoppedEvenWhenStoppedAtOnce) {
  for (int round = 0; round < 20; ++round) {
    httplib::Server server;
    server.Get("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("up", "text/plain");
    });
    HttpServerThread thread(&server, "test server", "listeners");
    ASSERT_TRUE(thread.Start("127.0.0.1", 0).ok());
    ASSERT_GT(thread.port(), 0);
    if (round % 2 == 0) {
      httplib::Client client("127.0.0.1", thread.port());
      auto answer = client.Get("/");
      ASSERT_TRUE(answer);
      EXPECT_EQ(answer->body, "up");
    }
    const auto before = std::chrono::steady_clock::now();
    thread.Stop();
    EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(5));
  }
}

TEST(HttpServerThreadTest, APortInUseNamesTheListenersKey) {
  httplib::Server first_server, second_server;
  HttpServerThread first(&first_server, "schema registry", "registry.listeners");
  ASSERT_TRUE(first.Start("127.0.0.1", 0).ok());
  HttpServerThread second(&second_server, "schema registry", "registry.listeners");
  const Status status = second.Start("127.0.0.1", first.port());
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("registry.listeners"), std::string::npos) << status.ToString();
}

}  // namespace
}  // namespace tributary::http
