// Gzip: compresses a whole object in the gzip format (RFC 1952), for s3.compression.type=gzip.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace tributary::s3sink {

// `level`: -1 (zlib's default) or 0..9 (s3.compression.level).
Result<std::string> GzipCompress(std::string_view data, int level);

}  // namespace tributary::s3sink
