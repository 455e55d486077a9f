// Confluent Schema Registry error codes, carried inside a Status.
//
// Registry operations fail with a Status whose message ends in "; error code: NNNNN", the
// form Confluent's own clients print (RestClientException), so converters and logs show the
// same text users know; the REST server turns it back into {"error_code":NNNNN,"message":...}
// with HTTP status NNNNN / 100 (or NNN itself for three-digit codes such as 409).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace tributary::registry {

namespace error_code {
inline constexpr int kSubjectNotFound = 40401;
inline constexpr int kVersionNotFound = 40402;
inline constexpr int kSchemaNotFound = 40403;
inline constexpr int kSubjectSoftDeleted = 40404;
inline constexpr int kSubjectNotSoftDeleted = 40405;
inline constexpr int kVersionSoftDeleted = 40406;
inline constexpr int kVersionNotSoftDeleted = 40407;
inline constexpr int kSubjectLevelCompatibilityNotConfigured = 40408;
inline constexpr int kSubjectLevelModeNotConfigured = 40409;
inline constexpr int kIncompatibleSchema = 409;
inline constexpr int kInvalidSchema = 42201;
inline constexpr int kInvalidVersion = 42202;
inline constexpr int kInvalidCompatibilityLevel = 42203;
inline constexpr int kInvalidMode = 42204;
inline constexpr int kOperationNotPermitted = 42205;
inline constexpr int kReferenceExists = 42206;
inline constexpr int kStoreError = 50001;
inline constexpr int kRequestForwardingFailed = 50003;
inline constexpr int kUnknownLeader = 50004;
}  // namespace error_code

// A Status for a Confluent error: code chosen to match the meaning (NotFound for 404xx,
// Incompatible for 409, InvalidArgument for 422xx, IOError for 500xx).
Status RegistryError(int code, std::string message);
// The Confluent code of a Status: the one it carries, else one derived from its StatusCode.
int RegistryErrorCode(const Status& status);
// The message without the "; error code: N" suffix.
std::string RegistryErrorMessage(const Status& status);
// The HTTP status for a Confluent code: 40401 -> 404, 409 -> 409, 42201 -> 422, 50001 -> 500.
int HttpStatusForErrorCode(int code);

}  // namespace tributary::registry
