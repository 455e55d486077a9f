#include "runtime/offset_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace tributary::runtime {
namespace {

std::string TempPath(const char* name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("trib-offsets-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return (dir / "offsets.json").string();
}

TEST(OffsetStoreTest, SurvivesReload) {
  std::string path = TempPath("reload");
  {
    OffsetStore store(path);
    ASSERT_TRUE(store.Load().ok());
    EXPECT_EQ(store.NextSequence("db1.sampledatabase.movies", 0), 0);
    store.SetSourceOffset("movies-source", {{"server", "db1"}}, {{"file", "b.000001"}, {"pos", 42}});
    store.SetNextSequence("db1.sampledatabase.movies", 0, 30);
    ASSERT_TRUE(store.Save().ok());
  }
  OffsetStore store(path);
  ASSERT_TRUE(store.Load().ok());
  EXPECT_EQ(store.NextSequence("db1.sampledatabase.movies", 0), 30);
  auto offsets = store.SourceOffsets("movies-source");
  ASSERT_EQ(offsets.size(), 1u);
  EXPECT_EQ(offsets.begin()->first, R"({"server":"db1"})");
  EXPECT_EQ(offsets.begin()->second["pos"], 42);
  EXPECT_TRUE(store.SourceOffsets("other").empty());
}

TEST(OffsetStoreTest, CorruptFileIsAnErrorThatSaysWhatToDo) {
  std::string path = TempPath("corrupt");
  std::ofstream(path) << "{not json";
  OffsetStore store(path);
  Status s = store.Load();
  ASSERT_EQ(s.code(), StatusCode::kCorruption);
  EXPECT_NE(s.message().find(path), std::string::npos);
  EXPECT_NE(s.message().find("delete it"), std::string::npos);
}

}  // namespace
}  // namespace tributary::runtime
