// Where the services that scripts/services started are: the TRIB_* environment variables of
// its env file. A test whose variables are missing fails (it never passes without the service).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace tributary::testing_env {

// The variable's value; records a fatal-to-the-test failure naming the fix when it is unset.
// Call through ASSERT_NO_FATAL_FAILURE or check HasFatalFailure() afterwards.
inline std::string RequireEnv(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    ADD_FAILURE() << name << " is not set: start the services with `scripts/services start` "
                  << "and `source $(scripts/services env-file)` before running this test";
    return "";
  }
  return value;
}

}  // namespace tributary::testing_env
