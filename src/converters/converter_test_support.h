// Test support for the Avro converters' tests (header only, included by *_test.cc): the
// walkthrough's movies value schema and rows, and a fixture giving each test a fresh
// embedded schema registry that the converters find without a URL.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "connect/config.h"
#include "data/schema.h"
#include "data/value.h"
#include "registry/embedded_registry.h"
#include "registry/registry.h"

namespace tributary::converters::test_support {

// db1.sampledatabase.movies.Value, with the walkthrough's added COUNTRY column or without.
inline data::SchemaPtr MoviesValue(bool with_country) {
  auto b = data::SchemaBuilder::Struct().Name("db1.sampledatabase.movies.Value");
  b.Field("movie_id", data::Int32Schema())
      .Field("title", data::OptionalStringSchema())
      .Field("release_year", data::OptionalInt32Schema());
  if (with_country) b.Field("COUNTRY", data::StringSchema());
  return b.Build();
}

inline data::Value Movie(const data::SchemaPtr& schema, int id,
                         const std::string& title = std::string(200, 'm')) {
  data::Value v = data::Value::EmptyStruct(schema);
  v.set("movie_id", data::Value::Int(id));
  v.set("title", data::Value::String(title));
  v.set("release_year", data::Value::Int(2021));
  if (schema->field("COUNTRY")) v.set("COUNTRY", data::Value::String("NZ"));
  return v;
}

class EmbeddedRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("trib-converter-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    registry_ = std::move(registry::Registry::OpenEmbedded(dir_.string())).value();
    registry::SetEmbeddedRegistry(registry_.get());
  }
  void TearDown() override {
    registry::SetEmbeddedRegistry(nullptr);
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }
  // A converter of type C configured with `config` (the test fails if that is refused).
  template <class C>
  std::unique_ptr<C> Configured(std::map<std::string, std::string> config, bool is_key) {
    auto c = std::make_unique<C>();
    Status s = c->Configure(connect::Config(std::move(config)), is_key);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return c;
  }

  std::filesystem::path dir_;
  std::unique_ptr<registry::Registry> registry_;
};

}  // namespace tributary::converters::test_support
