// AwsCredentials and where they come from, in the order the Confluent S3 sink and the AWS SDK's
// default chain look: the connector's config keys, then the environment, then the shared
// credentials file.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "common/status.h"

namespace tributary::storage {

struct AwsCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty unless temporary credentials
};

// Reads the environment variable `name`; nullopt when it is unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The process environment.
std::optional<std::string> ProcessEnv(const std::string& name);

// Resolves credentials from, in order:
//   1. config keys aws.access.key.id and aws.secret.access.key (both or neither);
//   2. AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN);
//   3. the shared credentials file (AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials),
//      profile AWS_PROFILE or "default".
// The error lists every place it looked.
Result<AwsCredentials> ResolveAwsCredentials(const std::map<std::string, std::string>& config,
                                             const EnvLookup& env = ProcessEnv);

}  // namespace tributary::storage
