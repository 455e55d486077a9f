#include "connect/file_history_log.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace tributary::connect {
namespace {

class FileHistoryLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("file_history_log_test_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "history.jsonl").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::vector<std::string> ReadAll() {
    auto log = FileHistoryLog::Open(path_);
    EXPECT_TRUE(log.ok()) << log.status().ToString();
    auto entries = (*log)->ReadAll();
    EXPECT_TRUE(entries.ok()) << entries.status().ToString();
    return *entries;
  }

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(FileHistoryLogTest, EntriesComeBackInOrderAfterReopening) {
  EXPECT_TRUE(ReadAll().empty());  // created empty
  {
    auto log = FileHistoryLog::Open(path_);
    ASSERT_TRUE(log.ok());
    ASSERT_TRUE((*log)->Append({"{\"a\":1}", "{\"b\":2}"}).ok());
    ASSERT_TRUE((*log)->Append({"{\"c\":3}"}).ok());
    EXPECT_EQ((*log)->Describe(), "file '" + path_ + "'");
  }
  auto log = FileHistoryLog::Open(path_);
  ASSERT_TRUE(log.ok());
  ASSERT_TRUE((*log)->Append({"{\"d\":4}"}).ok());
  EXPECT_EQ(*(*log)->ReadAll(),
            (std::vector<std::string>{"{\"a\":1}", "{\"b\":2}", "{\"c\":3}", "{\"d\":4}"}));
}

// An append cut short by a crash never returned OK: its fragment goes, and the next entry
// starts on its own line instead of being glued to it.
TEST_F(FileHistoryLogTest, TornLastLineIsCutOff) {
  std::ofstream(path_) << "{\"a\":1}\n{\"b\":";
  auto log = FileHistoryLog::Open(path_);
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(*(*log)->ReadAll(), std::vector<std::string>{"{\"a\":1}"});
  ASSERT_TRUE((*log)->Append({"{\"c\":3}"}).ok());
  EXPECT_EQ(ReadAll(), (std::vector<std::string>{"{\"a\":1}", "{\"c\":3}"}));
}

TEST_F(FileHistoryLogTest, EntryWithANewlineIsRefused) {
  auto log = FileHistoryLog::Open(path_);
  ASSERT_TRUE(log.ok());
  Status s = (*log)->Append({"one\ntwo"});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(ReadAll().empty());
}

TEST_F(FileHistoryLogTest, MissingFolderNamesThePath) {
  auto log = FileHistoryLog::Open((dir_ / "no" / "such" / "h.jsonl").string());
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.status().message().find("no/such/h.jsonl"), std::string::npos);
}

}  // namespace
}  // namespace tributary::connect
