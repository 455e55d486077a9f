// Binary encoding and decoding of generic Avro values (avro/datum.h) with one schema, as the
// specification's "Binary Encoding" section defines them.
//
// Decoding is safe on corrupt or hostile input: every read is bounds-checked, lengths and item
// counts are checked against the bytes left and DecodeLimits, recursion is bounded, and every
// error is a Corruption status naming the byte offset. It never crashes nor over-allocates.
//
// Thread-safety: pure functions; call them from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "avro/binary.h"
#include "avro/datum.h"
#include "avro/schema.h"
#include "common/status.h"

namespace tributary::avro {

struct DecodeLimits {
  int max_depth = 512;              // nesting of records/arrays/maps/unions in one value
  int64_t max_items = int64_t{1} << 22;  // array items + map entries in one value
};

// Appends the encoding of `datum` (which must fit `schema`) to *out. On a mismatch returns
// InvalidArgument naming the path, e.g. "Avro value at /title: expected string, got long";
// *out may then hold a partial encoding.
Status EncodeDatum(const Schema& schema, const Datum& datum, std::string* out);

// Decodes one value of `schema` at the reader's position.
Status DecodeDatum(const Schema& schema, BinaryReader* reader, Datum* out,
                   const DecodeLimits& limits = {});
// Decodes exactly one value from `bytes`; trailing bytes are an error.
Result<Datum> DecodeDatum(const Schema& schema, std::string_view bytes,
                          const DecodeLimits& limits = {});

// Skips one value of `schema` (using block byte sizes where the writer gave them).
Status SkipDatum(const Schema& schema, BinaryReader* reader, const DecodeLimits& limits = {});

// Whether every value of `schema` encodes to zero bytes (null, empty records, fixed(0)).
bool EncodesToZeroBytes(const Schema& schema);

}  // namespace tributary::avro
