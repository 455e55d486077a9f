// URI encoding as AWS Signature Version 4 canonicalizes it: every byte except the unreserved
// characters A-Z a-z 0-9 - _ . ~ becomes %XX with upper-case hex digits; UTF-8 text is encoded
// byte by byte. S3 object keys are encoded once, keeping '/' (keys like
// "topics/t/partition=0/t+0+0000000000.snappy.parquet" become
// "topics/t/partition%3D0/t%2B0%2B0000000000.snappy.parquet"); query names and values encode
// '/' too.
#pragma once

#include <string>
#include <string_view>

namespace tributary::storage {

enum class SlashEncoding { kKeep, kEncode };

std::string UriEncode(std::string_view text, SlashEncoding slashes);

// The reverse of UriEncode (also accepts lower-case hex); '+' stays '+'.
std::string UriDecode(std::string_view text);

}  // namespace tributary::storage
