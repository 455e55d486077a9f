#include "transforms/transform_chain.h"

#include <gtest/gtest.h>

#include "transforms/plugins.h"

namespace tributary::transforms {
namespace {

using data::Value;

data::Record Rec(std::string topic, bool tombstone = false) {
  data::Record r;
  r.topic = std::move(topic);
  r.value_schema = data::StringSchema();
  if (!tombstone) r.value = Value::String("v");
  return r;
}

class TransformChainTest : public ::testing::Test {
 protected:
  TransformChainTest() { RegisterPlugins(registry_); }
  Result<TransformChain> Create(std::map<std::string, std::string> config) {
    return TransformChain::Create(connect::Config(std::move(config)), registry_);
  }
  connect::PluginRegistry registry_;
};

TEST_F(TransformChainTest, PredicatesAndNegateSelectRecords) {
  auto chain = Create({
      {"transforms", "dropTombstones,route"},
      {"transforms.dropTombstones.type", "org.apache.kafka.connect.transforms.Filter"},
      {"transforms.dropTombstones.predicate", "isTombstone"},
      {"transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter"},
      {"transforms.route.regex", "(.*)"},
      {"transforms.route.replacement", "other-$1"},
      {"transforms.route.predicate", "isMovies"},
      {"transforms.route.negate", "true"},
      {"predicates", "isTombstone,isMovies"},
      {"predicates.isTombstone.type",
       "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone"},
      {"predicates.isMovies.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches"},
      {"predicates.isMovies.pattern", "db1\\..*movies"},
  });
  ASSERT_TRUE(chain.ok()) << chain.status().ToString();
  EXPECT_EQ(chain->aliases(), (std::vector<std::string>{"dropTombstones", "route"}));

  data::RecordBatch batch;
  batch.records = {Rec("db1.sampledatabase.movies"), Rec("db1.sampledatabase.movies", true),
                   Rec("heartbeat"), Rec("heartbeat", true)};
  size_t dropped = 0;
  ASSERT_TRUE(chain->Apply(batch, {}, &dropped).ok());
  EXPECT_EQ(dropped, 2u);
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch.records[0].topic, "db1.sampledatabase.movies");  // negate: not routed
  EXPECT_EQ(batch.records[1].topic, "other-heartbeat");
}

TEST_F(TransformChainTest, HasHeaderKey) {
  auto chain = Create({{"transforms", "f"},
                       {"transforms.f.type", "org.apache.kafka.connect.transforms.Filter"},
                       {"transforms.f.predicate", "h"},
                       {"predicates", "h"},
                       {"predicates.h.type", "org.apache.kafka.connect.transforms.predicates.HasHeaderKey"},
                       {"predicates.h.name", "skip"}});
  ASSERT_TRUE(chain.ok());
  data::Record with = Rec("t");
  with.headers.push_back({"skip", nullptr, Value()});
  data::Record without = Rec("t");
  bool keep = true;
  ASSERT_TRUE(chain->Apply(with, &keep).ok());
  EXPECT_FALSE(keep);
  ASSERT_TRUE(chain->Apply(without, &keep).ok());
  EXPECT_TRUE(keep);
}

TEST_F(TransformChainTest, ErrorsNameTheConnectorKey) {
  auto missing_type = Create({{"transforms", "unwrap"}});
  EXPECT_NE(missing_type.status().message().find("transforms.unwrap.type"), std::string::npos);

  auto unknown = Create({{"transforms", "x"}, {"transforms.x.type", "com.example.Nope"}});
  EXPECT_NE(unknown.status().message().find("transforms.x.type"), std::string::npos);
  EXPECT_NE(unknown.status().message().find("com.example.Nope"), std::string::npos);

  auto bad_option = Create({{"transforms", "unwrap"},
                            {"transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState"},
                            {"transforms.unwrap.delete.handling.mode", "erase"}});
  EXPECT_NE(bad_option.status().message().find("transforms.unwrap."), std::string::npos);
  EXPECT_NE(bad_option.status().message().find("delete.handling.mode"), std::string::npos);
  EXPECT_NE(bad_option.status().message().find("drop, rewrite, none"), std::string::npos);

  auto undefined_predicate = Create({{"transforms", "f"},
                                     {"transforms.f.type", "org.apache.kafka.connect.transforms.Filter"},
                                     {"transforms.f.predicate", "p"}});
  EXPECT_NE(undefined_predicate.status().message().find("transforms.f.predicate"), std::string::npos);

  auto negate_alone = Create({{"transforms", "f"},
                              {"transforms.f.type", "org.apache.kafka.connect.transforms.Filter"},
                              {"transforms.f.negate", "true"}});
  EXPECT_NE(negate_alone.status().message().find("transforms.f.negate"), std::string::npos);

  auto bad_pattern = Create({{"predicates", "p"},
                             {"predicates.p.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches"},
                             {"predicates.p.pattern", "("}});
  EXPECT_NE(bad_pattern.status().message().find("predicates.p."), std::string::npos);
  EXPECT_NE(bad_pattern.status().message().find("pattern"), std::string::npos);

  auto duplicate = Create({{"transforms", "a,a"}});
  EXPECT_NE(duplicate.status().message().find("duplicate alias 'a'"), std::string::npos);
}

TEST_F(TransformChainTest, FailedRecordsGoToTheHandlerOrStopTheBatch) {
  auto chain = Create({{"transforms", "meta"},
                       {"transforms.meta.type", "org.apache.kafka.connect.transforms.SetSchemaMetadata$Value"},
                       {"transforms.meta.schema.name", "x.Y"}});
  ASSERT_TRUE(chain.ok());
  auto batch_with_poison = [] {
    data::RecordBatch b;
    b.records = {Rec("a"), Rec("poison"), Rec("c")};
    b.records[1].value_schema = nullptr;  // SetSchemaMetadata requires a schema
    return b;
  };
  data::RecordBatch batch = batch_with_poison();
  std::vector<std::string> failed;
  Status s = chain->Apply(batch, [&](const data::Record& r, const Status& error) {
    failed.push_back(r.topic + ": " + error.message());
    return Status::OK();
  });
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch.records[1].topic, "c");
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_NE(failed[0].find("transform 'meta'"), std::string::npos) << failed[0];

  batch = batch_with_poison();
  s = chain->Apply(batch);
  EXPECT_FALSE(s.ok());
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch.records[1].topic, "poison");
}

TEST_F(TransformChainTest, EmptyChainLeavesRecordsAlone) {
  auto chain = Create({});
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->empty());
  data::RecordBatch batch;
  batch.records = {Rec("a"), Rec("b", true)};
  ASSERT_TRUE(chain->Apply(batch).ok());
  EXPECT_EQ(batch.size(), 2u);
}

}  // namespace
}  // namespace tributary::transforms
