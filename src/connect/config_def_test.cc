#include "connect/config_def.h"

#include <gtest/gtest.h>

namespace tributary::connect {
namespace {

ConfigDef Sample() {
  ConfigDef def;
  def.Group("Filters")
      .Define("table.include.list", ConfigType::kList, std::nullopt, "Tables to capture.")
      .Define("table.exclude.list", ConfigType::kList, std::nullopt, "Tables to skip.")
      .Define("snapshot.mode", ConfigType::kString, "initial", "When to snapshot.",
              {"initial", "never"})
      .AcceptPrefix("driver.", "JDBC driver properties.");
  return def;
}

TEST(ConfigDefTest, KnowsDeclaredKeysAndPrefixFamilies) {
  ConfigDef def = Sample();
  EXPECT_TRUE(def.Knows("table.include.list"));
  EXPECT_TRUE(def.Knows("driver.connectTimeout"));
  EXPECT_FALSE(def.Knows("driver"));
  EXPECT_FALSE(def.Knows("table.include.lst"));
  ASSERT_NE(def.Find("snapshot.mode"), nullptr);
  EXPECT_EQ(def.Find("snapshot.mode")->allowed, (std::vector<std::string>{"initial", "never"}));
  EXPECT_EQ(def.Find("snapshot.mode")->group, "Filters");
}

TEST(ConfigDefTest, SuggestsTheNearestKeyForTyposOnly) {
  ConfigDef def = Sample();
  EXPECT_EQ(def.ClosestKey("table.include.lst"), "table.include.list");
  EXPECT_EQ(def.ClosestKey("tabel.include.list"), "table.include.list");   // swapped letters
  EXPECT_EQ(def.ClosestKey("table.exclude.lists"), "table.exclude.list");
  EXPECT_EQ(def.ClosestKey("snapshot.mod"), "snapshot.mode");
  EXPECT_EQ(def.ClosestKey("completely.unrelated.key"), "");
}

TEST(ConfigDefTest, RunsThePluginsValueCheck) {
  ConfigDef def = Sample();
  EXPECT_TRUE(def.CheckValues(Config(std::map<std::string, std::string>{{"snapshot.mode", "x"}})).ok());  // no check given
  def.CheckValuesWith([](const Config& c) {
    return c.GetString("snapshot.mode") == "never" ? Status::OK()
                                                   : Status::InvalidArgument("snapshot.mode bad");
  });
  EXPECT_TRUE(def.CheckValues(Config(std::map<std::string, std::string>{{"snapshot.mode", "never"}})).ok());
  EXPECT_EQ(def.CheckValues(Config(std::map<std::string, std::string>{{"snapshot.mode", "x"}})).message(), "snapshot.mode bad");
}

TEST(ConfigDefTest, EditDistanceCountsASwapAsOne) {
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("abc", "abc"), 0u);
  EXPECT_EQ(EditDistance("abc", "acb"), 1u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
}

TEST(ConfigDefTest, IncludeKeepsTheFirstDeclaration) {
  ConfigDef base = Sample();
  ConfigDef other;
  other.Define("snapshot.mode", ConfigType::kString, "never", "Other doc.")
      .Define("name", ConfigType::kString, std::nullopt, "Connector name.")
      .AcceptPrefix("driver.", "dup");
  base.Include(other);
  EXPECT_EQ(*base.Find("snapshot.mode")->default_value, "initial");
  EXPECT_TRUE(base.Knows("name"));
  EXPECT_EQ(base.prefixes().size(), 1u);
}

}  // namespace
}  // namespace tributary::connect
