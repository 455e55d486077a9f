#include "registry/compatibility_checker.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "avro/schema_parser.h"

namespace tributary::registry {
namespace {

using ::testing::HasSubstr;

avro::SchemaPtr Parse(const std::string& json) {
  auto s = avro::ParseSchema(json);
  EXPECT_TRUE(s.ok()) << json << ": " << s.status().ToString();
  return s.ok() ? *s : nullptr;
}

std::string Rec(const std::string& name, const std::string& fields, const std::string& extra = "") {
  return R"({"type":"record","name":")" + name + "\"" + extra + R"(,"fields":[)" + fields + "]}";
}

// One reader/writer case: the expected incompatibility type ("" = compatible) and path.
struct RwCase {
  const char* name;
  std::string reader;
  std::string writer;
  std::string expected_type;
  std::string expected_path;
  std::string expected_info = "";
};

const std::string kPoint = Rec("Point", R"({"name":"x","type":"int"},{"name":"y","type":"int"})");
const std::string kList = Rec(
    "Node", R"({"name":"value","type":"int"},{"name":"next","type":["null","Node"],"default":null})");

std::vector<RwCase> ReaderWriterCases() {
  std::vector<RwCase> c;
  // Identical primitives.
  for (const char* t : {"null", "boolean", "int", "long", "float", "double", "bytes", "string"})
    c.push_back({t, std::string("\"") + t + "\"", std::string("\"") + t + "\"", "", ""});
  // Promotions allowed by the specification.
  const std::vector<std::pair<const char*, const char*>> promotions = {
      {"long", "int"},   {"float", "int"},    {"float", "long"},  {"double", "int"},
      {"double", "long"}, {"double", "float"}, {"string", "bytes"}, {"bytes", "string"}};
  for (auto [r, w] : promotions)
    c.push_back({"promote", std::string("\"") + r + "\"", std::string("\"") + w + "\"", "", ""});
  // Everything else between primitives is a mismatch.
  const std::vector<std::pair<const char*, const char*>> mismatches = {
      {"int", "long"},     {"int", "float"},     {"long", "float"},   {"float", "double"},
      {"int", "string"},   {"boolean", "int"},   {"null", "int"},     {"string", "int"},
      {"bytes", "int"},    {"long", "double"},   {"int", "boolean"},  {"double", "string"},
      {"int", "null"},     {"string", "boolean"}, {"long", "bytes"},  {"boolean", "null"}};
  for (auto [r, w] : mismatches)
    c.push_back({"mismatch", std::string("\"") + r + "\"", std::string("\"") + w + "\"",
                 "TYPE_MISMATCH", ""});

  // Records.
  const std::string ab = R"({"name":"a","type":"int"},{"name":"b","type":"string"})";
  c.push_back({"record same", Rec("R", ab), Rec("R", ab), "", ""});
  c.push_back({"reader adds field without default",
               Rec("R", ab + R"(,{"name":"COUNTRY","type":"string"})"), Rec("R", ab),
               "READER_FIELD_MISSING_DEFAULT_VALUE", "/fields/2", "COUNTRY"});
  c.push_back({"reader adds field with default",
               Rec("R", ab + R"(,{"name":"c","type":"string","default":"x"})"), Rec("R", ab), "",
               ""});
  c.push_back({"reader adds optional field with null default",
               Rec("R", ab + R"(,{"name":"c","type":["null","string"],"default":null})"),
               Rec("R", ab), "", ""});
  c.push_back({"reader drops field", Rec("R", R"({"name":"a","type":"int"})"), Rec("R", ab), "",
               ""});
  c.push_back({"reader field alias finds renamed writer field",
               Rec("R", R"({"name":"alpha","type":"int","aliases":["a"]},{"name":"b","type":"string"})"),
               Rec("R", ab), "", ""});
  c.push_back({"renamed field without alias or default",
               Rec("R", R"({"name":"alpha","type":"int"},{"name":"b","type":"string"})"),
               Rec("R", ab), "READER_FIELD_MISSING_DEFAULT_VALUE", "/fields/0", "alpha"});
  c.push_back({"field promoted int to long", Rec("R", R"({"name":"a","type":"long"})"),
               Rec("R", R"({"name":"a","type":"int"})"), "", ""});
  c.push_back({"field narrowed long to int", Rec("R", R"({"name":"a","type":"int"})"),
               Rec("R", R"({"name":"a","type":"long"})"), "TYPE_MISMATCH", "/fields/0/type"});
  c.push_back({"second field changes type", Rec("R", R"({"name":"a","type":"int"},{"name":"b","type":"int"})"),
               Rec("R", ab), "TYPE_MISMATCH", "/fields/1/type"});
  c.push_back({"record renamed", Rec("S", ab), Rec("R", ab), "NAME_MISMATCH", "/name",
               "expected: R"});
  c.push_back({"record namespace changed", Rec("R", ab, R"(,"namespace":"new.ns")"),
               Rec("R", ab, R"(,"namespace":"old.ns")"), "", ""});
  c.push_back({"reader aliases writer full name", Rec("S", ab, R"(,"aliases":["old.ns.R"])"),
               Rec("R", ab, R"(,"namespace":"old.ns")"), "", ""});
  c.push_back({"nested record field missing default",
               Rec("Outer", R"({"name":"p","type":)" +
                                Rec("P", R"({"name":"x","type":"int"},{"name":"z","type":"int"})") + "}"),
               Rec("Outer", R"({"name":"p","type":)" + Rec("P", R"({"name":"x","type":"int"})") + "}"),
               "READER_FIELD_MISSING_DEFAULT_VALUE", "/fields/0/type/fields/1", "z"});
  c.push_back({"record vs map", Rec("R", ab), R"({"type":"map","values":"int"})", "TYPE_MISMATCH",
               ""});
  c.push_back({"record with empty fields reads anything of same name", Rec("R", ""), Rec("R", ab),
               "", ""});
  c.push_back({"field default of record type",
               Rec("R", R"({"name":"a","type":"int"},{"name":"p","type":)" + kPoint +
                            R"(,"default":{"x":1,"y":2}})"),
               Rec("R", R"({"name":"a","type":"int"})"), "", ""});
  c.push_back({"field becomes bytes from string", Rec("R", R"({"name":"a","type":"bytes"})"),
               Rec("R", R"({"name":"a","type":"string"})"), "", ""});

  // Enums.
  auto en = [](const std::string& name, const std::string& symbols, const std::string& extra = "") {
    return R"({"type":"enum","name":")" + name + R"(","symbols":[)" + symbols + "]" + extra + "}";
  };
  c.push_back({"enum same", en("E", R"("A","B")"), en("E", R"("A","B")"), "", ""});
  c.push_back({"enum reader adds symbol", en("E", R"("A","B","C")"), en("E", R"("A","B")"), "", ""});
  c.push_back({"enum reader lacks symbols", en("E", R"("A")"), en("E", R"("A","B","C")"),
               "MISSING_ENUM_SYMBOLS", "/symbols", "[B, C]"});
  c.push_back({"enum reader lacks symbol but has default", en("E", R"("A","UNKNOWN")", R"(,"default":"UNKNOWN")"),
               en("E", R"("A","B")"), "", ""});
  c.push_back({"enum renamed", en("F", R"("A")"), en("E", R"("A")"), "NAME_MISMATCH", "/name"});
  c.push_back({"enum renamed with alias", en("F", R"("A")", R"(,"aliases":["E"])"), en("E", R"("A")"),
               "", ""});
  c.push_back({"enum read as string", R"("string")", en("E", R"("A")"), "TYPE_MISMATCH", ""});
  c.push_back({"string read as enum", en("E", R"("A")"), R"("string")", "TYPE_MISMATCH", ""});
  c.push_back({"enum reordered symbols", en("E", R"("B","A")"), en("E", R"("A","B")"), "", ""});

  // Fixed.
  auto fx = [](const std::string& name, int size, const std::string& extra = "") {
    return R"({"type":"fixed","name":")" + name + R"(","size":)" + std::to_string(size) + extra + "}";
  };
  c.push_back({"fixed same", fx("F", 16), fx("F", 16), "", ""});
  c.push_back({"fixed size changed", fx("F", 8), fx("F", 16), "FIXED_SIZE_MISMATCH", "/size",
               "expected: 16, found: 8"});
  c.push_back({"fixed renamed", fx("G", 16), fx("F", 16), "NAME_MISMATCH", "/name"});
  c.push_back({"fixed renamed with alias", fx("G", 16, R"(,"aliases":["F"])"), fx("F", 16), "", ""});
  c.push_back({"fixed read as bytes", R"("bytes")", fx("F", 4), "TYPE_MISMATCH", ""});
  c.push_back({"bytes read as fixed", fx("F", 4), R"("bytes")", "TYPE_MISMATCH", ""});
  c.push_back({"fixed field size changed", Rec("R", R"({"name":"f","type":)" + fx("F", 2) + "}"),
               Rec("R", R"({"name":"f","type":)" + fx("F", 3) + "}"), "FIXED_SIZE_MISMATCH",
               "/fields/0/type/size"});

  // Arrays and maps.
  c.push_back({"array same", R"({"type":"array","items":"int"})", R"({"type":"array","items":"int"})", "", ""});
  c.push_back({"array items promoted", R"({"type":"array","items":"double"})",
               R"({"type":"array","items":"int"})", "", ""});
  c.push_back({"array items mismatch", R"({"type":"array","items":"int"})",
               R"({"type":"array","items":"string"})", "TYPE_MISMATCH", "/items"});
  c.push_back({"array vs map", R"({"type":"array","items":"int"})", R"({"type":"map","values":"int"})",
               "TYPE_MISMATCH", ""});
  c.push_back({"array of records missing default",
               R"({"type":"array","items":)" + Rec("P", R"({"name":"x","type":"int"},{"name":"q","type":"int"})") + "}",
               R"({"type":"array","items":)" + Rec("P", R"({"name":"x","type":"int"})") + "}",
               "READER_FIELD_MISSING_DEFAULT_VALUE", "/items/fields/1", "q"});
  c.push_back({"map same", R"({"type":"map","values":"string"})", R"({"type":"map","values":"string"})", "", ""});
  c.push_back({"map values promoted", R"({"type":"map","values":"long"})",
               R"({"type":"map","values":"int"})", "", ""});
  c.push_back({"map values mismatch", R"({"type":"map","values":"boolean"})",
               R"({"type":"map","values":"int"})", "TYPE_MISMATCH", "/values"});
  c.push_back({"map vs array", R"({"type":"map","values":"int"})", R"({"type":"array","items":"int"})",
               "TYPE_MISMATCH", ""});
  c.push_back({"map of arrays nested mismatch", R"({"type":"map","values":{"type":"array","items":"int"}})",
               R"({"type":"map","values":{"type":"array","items":"long"}})", "TYPE_MISMATCH",
               "/values/items"});

  // Unions.
  c.push_back({"reader union holds writer type", R"(["null","string"])", R"("string")", "", ""});
  c.push_back({"reader union lacks writer type", R"(["null","string"])", R"("int")",
               "MISSING_UNION_BRANCH", "", "reader union lacking writer type: INT"});
  c.push_back({"reader union promotes writer type", R"(["null","long"])", R"("int")", "", ""});
  c.push_back({"writer union subset of reader union", R"(["null","int","string"])",
               R"(["null","string"])", "", ""});
  c.push_back({"writer union branch missing in reader union", R"(["null","int"])",
               R"(["null","int","string"])", "MISSING_UNION_BRANCH", "/2"});
  c.push_back({"writer union read by non-union", R"("string")", R"(["null","string"])",
               "TYPE_MISMATCH", "/0"});
  c.push_back({"single-branch writer union read by its type", R"("int")", R"(["int"])", "", ""});
  c.push_back({"writer union branches promoted in reader union", R"(["long","string"])",
               R"(["int","string"])", "", ""});
  c.push_back({"reader union of record reads compatible record", R"(["null",)" + kPoint + "]",
               kPoint, "", ""});
  c.push_back({"reader union of record lacks compatible record",
               R"(["null",)" + Rec("Point", R"({"name":"x","type":"int"},{"name":"z","type":"int"})") + "]",
               kPoint, "MISSING_UNION_BRANCH", ""});
  c.push_back({"optional field became required", Rec("R", R"({"name":"a","type":"string"})"),
               Rec("R", R"({"name":"a","type":["null","string"],"default":null})"),
               "TYPE_MISMATCH", "/fields/0/type/0"});
  c.push_back({"required field became optional", Rec("R", R"({"name":"a","type":["null","string"],"default":null})"),
               Rec("R", R"({"name":"a","type":"string"})"), "", ""});
  c.push_back({"union branch order changed", R"(["string","null"])", R"(["null","string"])", "", ""});
  c.push_back({"writer union two branches missing", R"("boolean")", R"(["int","string"])",
               "TYPE_MISMATCH", "/0"});
  c.push_back({"union of enums missing symbol",
               R"(["null",{"type":"enum","name":"E","symbols":["A"]}])",
               R"(["null",{"type":"enum","name":"E","symbols":["A","B"]}])", "MISSING_UNION_BRANCH",
               "/1"});

  // Recursive types.
  c.push_back({"recursive list same", kList, kList, "", ""});
  c.push_back({"recursive list reader adds defaulted field",
               Rec("Node", R"({"name":"value","type":"int"},{"name":"next","type":["null","Node"],"default":null},{"name":"tag","type":"string","default":""})"),
               kList, "", ""});
  c.push_back({"recursive list value narrowed",
               Rec("Node", R"({"name":"value","type":"int"},{"name":"next","type":["null","Node"],"default":null})"),
               Rec("Node", R"({"name":"value","type":"long"},{"name":"next","type":["null","Node"],"default":null})"),
               "TYPE_MISMATCH", "/fields/0/type"});
  return c;
}

class ReaderWriterTable : public ::testing::TestWithParam<RwCase> {};

TEST_P(ReaderWriterTable, FindsExactlyTheExpectedIncompatibility) {
  const RwCase& c = GetParam();
  auto reader = Parse(c.reader);
  auto writer = Parse(c.writer);
  ASSERT_TRUE(reader && writer);
  auto found = CheckReaderWriter(*reader, *writer, true);
  if (c.expected_type.empty()) {
    EXPECT_TRUE(found.empty()) << c.name << ": " << (found.empty() ? "" : found[0].ToString());
    return;
  }
  ASSERT_FALSE(found.empty()) << c.name << ": expected " << c.expected_type;
  EXPECT_EQ(IncompatibilityTypeName(found[0].type), c.expected_type) << c.name;
  EXPECT_EQ(found[0].path, c.expected_path) << c.name << ": " << found[0].ToString();
  if (!c.expected_info.empty()) {
    EXPECT_EQ(found[0].additional_info, c.expected_info) << c.name;
  }
}

INSTANTIATE_TEST_SUITE_P(SchemaResolution, ReaderWriterTable,
                         ::testing::ValuesIn(ReaderWriterCases()));

TEST(CompatibilityCheckerTest, ReportsEveryIncompatibilityNotJustTheFirst) {
  auto reader = Parse(Rec("R", R"({"name":"a","type":"int"},{"name":"b","type":"string"},{"name":"c","type":"int"},{"name":"e","type":{"type":"enum","name":"E","symbols":["X"]}})"));
  auto writer = Parse(Rec("R", R"({"name":"a","type":"long"},{"name":"e","type":{"type":"enum","name":"E","symbols":["X","Y"]}})"));
  auto found = CheckReaderWriter(*reader, *writer, true);
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(found[0].path, "/fields/0/type");
  EXPECT_EQ(found[1].path, "/fields/1");
  EXPECT_EQ(found[2].path, "/fields/2");
  EXPECT_EQ(found[3].path, "/fields/3/type/symbols");
}

// The seed walkthrough's schema change: version 2 adds a required COUNTRY column.
const std::string kMoviesV1 = Rec("Value", R"({"name":"movie_id","type":"int"},{"name":"title","type":"string"},{"name":"release_year","type":"int"})");
const std::string kMoviesV2 = Rec("Value", R"({"name":"movie_id","type":"int"},{"name":"title","type":"string"},{"name":"release_year","type":"int"},{"name":"COUNTRY","type":"string"})");

TEST(CompatibilityCheckerTest, SeedScenarioForwardAcceptsAndBackwardNamesCountry) {
  auto v1 = Parse(kMoviesV1);
  auto v2 = Parse(kMoviesV2);
  EXPECT_TRUE(CheckCompatibility(CompatibilityLevel::kForward, *v2, {{1, v1.get()}}).compatible);
  auto backward = CheckCompatibility(CompatibilityLevel::kBackward, *v2, {{1, v1.get()}});
  ASSERT_FALSE(backward.compatible);
  std::string summary = backward.Summary(CompatibilityLevel::kBackward);
  EXPECT_THAT(summary, HasSubstr("COUNTRY"));
  EXPECT_THAT(summary, HasSubstr("no default value"));
  EXPECT_THAT(summary, HasSubstr("BACKWARD"));
  auto messages = backward.Messages(CompatibilityLevel::kBackward);
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[0],
            "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'COUNTRY' at "
            "path '/fields/3' in the new schema has no default value and is missing in the old "
            "schema', additionalInfo:'COUNTRY'}");
  EXPECT_EQ(messages[1], "{oldSchemaVersion: 1}");
  EXPECT_EQ(messages[2], "{compatibility: 'BACKWARD'}");
}

// Modes: each scenario is (previous versions, candidate) and the set of levels that accept it.
struct ModeCase {
  std::string scenario;
  std::string level;
  bool compatible;
};

struct Scenario {
  std::vector<std::string> previous;
  std::string candidate;
  std::vector<std::string> accepting_levels;
};

const std::map<std::string, Scenario>& Scenarios() {
  static const auto* s = new std::map<std::string, Scenario>{
      // Adding a required field: old readers ignore it; new readers cannot fill it from old data.
      {"add_required_field", {{kMoviesV1}, kMoviesV2, {"NONE", "FORWARD", "FORWARD_TRANSITIVE", "FORWARD_ALL"}}},
      // Adding a defaulted field is fully compatible.
      {"add_defaulted_field",
       {{kMoviesV1},
        Rec("Value", R"({"name":"movie_id","type":"int"},{"name":"title","type":"string"},{"name":"release_year","type":"int"},{"name":"COUNTRY","type":["null","string"],"default":null})"),
        {"NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "BACKWARD_ALL", "FORWARD", "FORWARD_TRANSITIVE",
         "FORWARD_ALL", "FULL", "FULL_TRANSITIVE", "FULL_ALL"}}},
      // Removing a required field: new readers are fine, old readers miss it.
      {"remove_required_field",
       {{kMoviesV1},
        Rec("Value", R"({"name":"movie_id","type":"int"},{"name":"title","type":"string"})"),
        {"NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "BACKWARD_ALL"}}},
      // Compatible with the latest version, not with the first: only non-transitive levels pass.
      {"transitive_backward",
       {{Rec("R", R"({"name":"a","type":"int"})"),
         Rec("R", R"({"name":"a","type":"int"},{"name":"b","type":"int","default":0})")},
        Rec("R", R"({"name":"a","type":"int"},{"name":"b","type":"int"})"),
        {"NONE", "BACKWARD", "FORWARD", "FORWARD_TRANSITIVE", "FORWARD_ALL", "FULL"}}},
      {"transitive_forward",
       {{Rec("R", R"({"name":"a","type":"int"},{"name":"b","type":"int"})"),
         Rec("R", R"({"name":"a","type":"int"},{"name":"b","type":"int","default":0})")},
        Rec("R", R"({"name":"a","type":"int"})"),
        {"NONE", "FORWARD", "BACKWARD", "BACKWARD_TRANSITIVE", "BACKWARD_ALL", "FULL"}}},
      // Widening a type: int -> long reads old data, old readers cannot read longs.
      {"widen_int_to_long",
       {{Rec("R", R"({"name":"a","type":"int"})")}, Rec("R", R"({"name":"a","type":"long"})"),
        {"NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "BACKWARD_ALL"}}},
  };
  return *s;
}

std::vector<ModeCase> ModeCases() {
  std::vector<ModeCase> cases;
  const std::vector<std::string> levels = {
      "NONE",     "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD",      "FORWARD_TRANSITIVE", "FULL",
      "FULL_TRANSITIVE", "DISABLED", "BACKWARD_ALL", "FORWARD_ALL", "FULL_ALL"};
  for (const auto& [name, scenario] : Scenarios())
    for (const auto& level : levels)
      cases.push_back({name, level,
                       std::find(scenario.accepting_levels.begin(), scenario.accepting_levels.end(),
                                 level) != scenario.accepting_levels.end()});
  return cases;
}

class ModeTable : public ::testing::TestWithParam<ModeCase> {};

TEST_P(ModeTable, AcceptsOrRejects) {
  const ModeCase& c = GetParam();
  const Scenario& scenario = Scenarios().at(c.scenario);
  std::vector<avro::SchemaPtr> keep;
  std::vector<PreviousVersion> previous;
  for (size_t i = 0; i < scenario.previous.size(); ++i) {
    keep.push_back(Parse(scenario.previous[i]));
    previous.push_back({static_cast<int32_t>(i + 1), keep.back().get()});
  }
  auto candidate = Parse(scenario.candidate);
  auto level = ParseCompatibilityLevel(c.level);
  ASSERT_TRUE(level.ok());
  auto result = CheckCompatibility(*level, *candidate, previous);
  EXPECT_EQ(result.compatible, c.compatible)
      << c.scenario << " under " << c.level << ": " << result.Summary(*level);
}

INSTANTIATE_TEST_SUITE_P(Modes, ModeTable, ::testing::ValuesIn(ModeCases()),
                         [](const auto& info) { return info.param.scenario + "_" + info.param.level; });

TEST(CompatibilityLevelTest, GlueNamesMapToConfluentLevels) {
  EXPECT_EQ(*ParseCompatibilityLevel("BACKWARD_ALL"), CompatibilityLevel::kBackwardTransitive);
  EXPECT_EQ(*ParseCompatibilityLevel("forward_all"), CompatibilityLevel::kForwardTransitive);
  EXPECT_EQ(*ParseCompatibilityLevel("FULL_ALL"), CompatibilityLevel::kFullTransitive);
  EXPECT_EQ(GlueCompatibilityName(CompatibilityLevel::kFullTransitive), "FULL_ALL");
  EXPECT_EQ(CompatibilityLevelName(CompatibilityLevel::kFullTransitive), "FULL_TRANSITIVE");
  auto bad = ParseCompatibilityLevel("SIDEWAYS");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("SIDEWAYS"));
}

TEST(CompatibilityCheckerTest, DisabledRejectsAnyNewVersion) {
  auto v1 = Parse(kMoviesV1);
  auto result = CheckCompatibility(CompatibilityLevel::kDisabled, *v1, {{1, v1.get()}});
  EXPECT_FALSE(result.compatible);
  EXPECT_THAT(result.Summary(CompatibilityLevel::kDisabled), HasSubstr("DISABLED"));
  EXPECT_TRUE(CheckCompatibility(CompatibilityLevel::kDisabled, *v1, {}).compatible);
}

}  // namespace
}  // namespace tributary::registry
