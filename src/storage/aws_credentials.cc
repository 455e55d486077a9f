#include "storage/aws_credentials.h"

#include <cstdlib>
#include <fstream>

namespace tributary::storage {
namespace {

std::string Trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  size_t end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

// The key/value pairs of `profile` in an INI-style credentials file.
std::map<std::string, std::string> ReadProfile(const std::string& path,
                                               const std::string& profile) {
  std::map<std::string, std::string> values;
  std::ifstream in(path);
  std::string line;
  bool in_profile = false;
  while (std::getline(in, line)) {
    line = Trim(line);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[' && line.back() == ']') {
      in_profile = Trim(line.substr(1, line.size() - 2)) == profile;
      continue;
    }
    size_t equals = line.find('=');
    if (in_profile && equals != std::string::npos) {
      values[Trim(line.substr(0, equals))] = Trim(line.substr(equals + 1));
    }
  }
  return values;
}

}  // namespace

std::optional<std::string> ProcessEnv(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

Result<AwsCredentials> ResolveAwsCredentials(const std::map<std::string, std::string>& config,
                                             const EnvLookup& env) {
  auto id = config.find("aws.access.key.id");
  auto secret = config.find("aws.secret.access.key");
  bool has_id = id != config.end() && !id->second.empty();
  bool has_secret = secret != config.end() && !secret->second.empty();
  if (has_id != has_secret) {
    return Status::InvalidArgument(
        "'{}' is set but '{}' is not: set both or neither",
        has_id ? "aws.access.key.id" : "aws.secret.access.key",
        has_id ? "aws.secret.access.key" : "aws.access.key.id");
  }
  if (has_id) return AwsCredentials{id->second, secret->second, ""};

  auto env_id = env("AWS_ACCESS_KEY_ID");
  auto env_secret = env("AWS_SECRET_ACCESS_KEY");
  if (env_id && env_secret && !env_id->empty() && !env_secret->empty()) {
    return AwsCredentials{*env_id, *env_secret, env("AWS_SESSION_TOKEN").value_or("")};
  }

  std::string path;
  if (auto file = env("AWS_SHARED_CREDENTIALS_FILE"); file && !file->empty()) {
    path = *file;
  } else if (auto home = env("HOME"); home && !home->empty()) {
    path = *home + "/.aws/credentials";
  }
  std::string profile = env("AWS_PROFILE").value_or("");
  if (profile.empty()) profile = "default";
  if (!path.empty()) {
    auto values = ReadProfile(path, profile);
    if (!values["aws_access_key_id"].empty() && !values["aws_secret_access_key"].empty()) {
      return AwsCredentials{values["aws_access_key_id"], values["aws_secret_access_key"],
                            values["aws_session_token"]};
    }
  }
  return Status::InvalidArgument(
      "no AWS credentials: set aws.access.key.id and aws.secret.access.key, or the environment "
      "variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or profile [{}] in {}",
      profile, path.empty() ? "~/.aws/credentials" : path);
}

}  // namespace tributary::storage
