#include "common/status.h"

#include <gtest/gtest.h>

namespace tributary {
namespace {

Result<int> ParsePositive(int v) {
  if (v <= 0) return Status::InvalidArgument("value {} must be positive", v);
  return v;
}

Status Twice(int v, int* out) {
  TRIB_ASSIGN_OR_RETURN(int parsed, ParsePositive(v));
  *out = parsed * 2;
  return Status::OK();
}

TEST(StatusTest, CarriesCodeAndMessage) {
  Status s = Status::NotFound("subject '{}' not found", "movies-value");
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(s.IsNotFound());
  EXPECT_EQ(s.ToString(), "NotFound: subject 'movies-value' not found");
  EXPECT_EQ(s.Annotate("registry").message(), "registry: subject 'movies-value' not found");
  EXPECT_EQ(Status::OK().ToString(), "OK");
}

TEST(StatusTest, AssignOrReturnPropagates) {
  int out = 0;
  EXPECT_TRUE(Twice(4, &out).ok());
  EXPECT_EQ(out, 8);
  Status s = Twice(-1, &out);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "value -1 must be positive");
}

}  // namespace
}  // namespace tributary
