// The AvroData options of the sink's Avro and Parquet formats (connect.meta.data), set by
// name so that new AvroDataConfig members keep their defaults.
#pragma once

#include "avro/avro_data.h"
#include "s3sink/s3_sink_config.h"

namespace tributary::s3sink {

inline avro::AvroDataConfig SinkAvroDataConfig(const S3SinkConfig& config) {
  avro::AvroDataConfig avro_config;
  avro_config.connect_meta_data = config.connect_meta_data;
  return avro_config;
}

}  // namespace tributary::s3sink
